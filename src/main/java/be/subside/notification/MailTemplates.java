package be.subside.notification;

import be.subside.identity.Language;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.thymeleaf.context.Context;
import org.unbescape.html.HtmlEscape;
import org.unbescape.html.HtmlEscapeLevel;
import org.unbescape.html.HtmlEscapeType;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.exceptions.TemplateProcessingException;
import org.thymeleaf.spring6.dialect.SpringStandardDialect;
import org.thymeleaf.spring6.expression.SPELVariableExpressionEvaluator;
import org.thymeleaf.standard.expression.IStandardVariableExpression;
import org.thymeleaf.standard.expression.IStandardVariableExpressionEvaluator;
import org.thymeleaf.standard.expression.StandardExpressionExecutionContext;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders a mail from templates/mail/{fr,nl}/EVENT.txt (first line: the subject; then the plain-text body) and
 * EVENT.html (the HTML body). Strict: a template that uses a variable the caller did not provide fails instead of
 * sending a mail with a hole in it; the template test renders every template with complete data, so such a template
 * fails the build.
 */
@Component
class MailTemplates {

    private final SpringTemplateEngine engine = new SpringTemplateEngine();

    MailTemplates() {
        IStandardVariableExpressionEvaluator strict = new StrictVariables();
        engine.setDialect(new SpringStandardDialect() {
            @Override
            public IStandardVariableExpressionEvaluator getVariableExpressionEvaluator() {
                return strict;
            }
        });
        engine.addTemplateResolver(resolver(TemplateMode.TEXT, ".txt", 1));
        engine.addTemplateResolver(resolver(TemplateMode.HTML, ".html", 2));
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String suffix, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/mail/");
        resolver.setSuffix(suffix);
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCheckExistence(true);
        resolver.setResolvablePatterns(Set.of("*"));
        resolver.setCacheable(true);
        resolver.setOrder(order);
        return resolver;
    }

    RenderedMail render(NotificationEvent event, Language language, Map<String, ?> variables) {
        String folder = language.name().toLowerCase(Locale.ROOT) + "/" + event.template();
        Locale locale = Locale.forLanguageTag(language == Language.NL ? "nl-BE" : "fr-BE");
        String text = engine.process(folder + ".txt", new Context(locale, new HashMap<>(variables))).replace("\r\n", "\n");
        int end = text.indexOf('\n');
        if (end <= 0) {
            throw new IllegalStateException("Template " + folder + ".txt must start with the subject line");
        }
        String subject = text.substring(0, end).strip();
        String body = text.substring(end + 1).stripLeading();
        Map<String, Object> withSubject = new HashMap<>(variables);
        withSubject.put("subject", subject);
        String html = engine.process(folder + ".html", new Context(locale, withSubject));
        return new RenderedMail(subject, body, html);
    }

    /**
     * The same mail for many recipients (a deadline closing thousands of drafts), rendered once: the templates run with
     * a marker in place of each value in {@code perRecipient}, and {@link Stencil#fill} puts each recipient's values in
     * by string replacement, HTML-escaped in the HTML body as the templates escape them. Thymeleaf costs about a
     * millisecond per mail; a fill costs microseconds. The other variables must be the same for every recipient.
     */
    Stencil stencil(NotificationEvent event, Language language, Map<String, ?> shared, Set<String> perRecipient) {
        Map<String, Object> marked = new HashMap<>(shared);
        perRecipient.forEach(name -> marked.put(name, MARK_START + name + MARK_END));
        return new Stencil(render(event, language, marked));
    }

    private static final char MARK_START = '\uE000';
    private static final char MARK_END = '\uE001';
    private static final Pattern MARK = Pattern.compile(MARK_START + "(\\w+)" + MARK_END);

    /** A mail with markers where each recipient's values go. */
    static final class Stencil {

        private final RenderedMail marked;

        private Stencil(RenderedMail marked) {
            this.marked = marked;
        }

        /** The mail of one recipient: every marker replaced in one pass, so a value is never read as a marker. */
        RenderedMail fill(Map<String, ?> values) {
            return new RenderedMail(fill(marked.subject(), values, false), fill(marked.text(), values, false),
                    fill(marked.html(), values, true));
        }

        private static String fill(String template, Map<String, ?> values, boolean html) {
            return MARK.matcher(template).replaceAll(match -> {
                Object value = values.get(match.group(1));
                if (value == null) {
                    throw new IllegalArgumentException("Mail stencil value '" + match.group(1) + "' is not provided");
                }
                String text = String.valueOf(value);
                return Matcher.quoteReplacement(html ? HtmlEscape.escapeHtml(text,
                        HtmlEscapeType.HTML4_NAMED_REFERENCES_DEFAULT_TO_DECIMAL,
                        HtmlEscapeLevel.LEVEL_1_ONLY_MARKUP_SIGNIFICANT) : text);
            });
        }
    }

    /**
     * Evaluates ${...} as Spring's evaluator does, after checking that every variable the expression starts from is
     * in the context (model variables, or loop variables of th:each): a missing one is an error, not an empty string.
     */
    static final class StrictVariables implements IStandardVariableExpressionEvaluator {

        private static final Pattern STRINGS = Pattern.compile("'[^']*'");
        private static final Pattern ROOTS = Pattern.compile("(?<![.#\\w$])([A-Za-z_]\\w*)(?!\\s*\\()");
        private static final Set<String> KEYWORDS = Set.of("true", "false", "null", "and", "or", "not", "eq", "ne",
                "lt", "gt", "le", "ge", "div", "mod", "instanceof", "matches", "new", "T");

        @Override
        public Object evaluate(IExpressionContext context, IStandardVariableExpression expression,
                StandardExpressionExecutionContext executionContext) {
            Matcher roots = ROOTS.matcher(STRINGS.matcher(expression.getExpression()).replaceAll("''"));
            while (roots.find()) {
                String name = roots.group(1);
                if (!KEYWORDS.contains(name) && !context.containsVariable(name)) {
                    throw new TemplateProcessingException("Mail template variable '" + name + "' is not provided");
                }
            }
            return SPELVariableExpressionEvaluator.INSTANCE.evaluate(context, expression, executionContext);
        }
    }
}
