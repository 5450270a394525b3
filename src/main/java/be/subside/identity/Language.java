package be.subside.identity;

/** Brussels is bilingual: every user-facing text exists in French and Dutch. */
public enum Language {
    FR,
    NL
}
