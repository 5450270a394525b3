package be.subside.notification;

/** A mail as the templates made it: the subject, a plain-text body and an HTML body. */
record RenderedMail(String subject, String text, String html) {
}
