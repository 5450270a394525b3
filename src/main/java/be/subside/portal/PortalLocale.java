package be.subside.portal;

import java.time.Duration;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/** French or Dutch, chosen with ?lang=fr|nl on any page and remembered in a cookie for a year. */
@Configuration(proxyBeanMethods = false)
class PortalLocale implements WebMvcConfigurer {

    static final Locale FRENCH = Locale.forLanguageTag("fr-BE");
    static final Locale DUTCH = Locale.forLanguageTag("nl-BE");

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("subside-lang");
        resolver.setDefaultLocale(FRENCH);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieSecure(false);
        resolver.setCookieHttpOnly(true);
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change).addPathPatterns("/portal/**");
    }
}
