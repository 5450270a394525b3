package be.subside.notification;

import be.subside.identity.Language;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.IContext;
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
        String text = engine.process(folder + ".txt", new StrictContext(locale, variables)).replace("\r\n", "\n");
        int end = text.indexOf('\n');
        if (end <= 0) {
            throw new IllegalStateException("Template " + folder + ".txt must start with the subject line");
        }
        String subject = text.substring(0, end).strip();
        String body = text.substring(end + 1).stripLeading();
        Map<String, Object> withSubject = new HashMap<>(variables);
        withSubject.put("subject", subject);
        String html = engine.process(folder + ".html", new StrictContext(locale, withSubject));
        return new RenderedMail(subject, body, html);
    }

    /** Variables looked up but not provided are errors, not empty strings. */
    private record StrictContext(Locale locale, Map<String, ?> variables) implements IContext {

        @Override
        public Locale getLocale() {
            return locale;
        }

        @Override
        public boolean containsVariable(String name) {
            return variables.containsKey(name);
        }

        @Override
        public Set<String> getVariableNames() {
            return variables.keySet();
        }

        @Override
        public Object getVariable(String name) {
            if (!variables.containsKey(name)) {
                throw new IllegalArgumentException("Mail template variable '" + name + "' is not provided");
            }
            return variables.get(name);
        }
    }
}
