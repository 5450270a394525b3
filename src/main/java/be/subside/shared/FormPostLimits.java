package be.subside.shared;

import org.apache.catalina.filters.FailedRequestFilter;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A url-encoded post to our own pages (the portal's, the staff's) that Tomcat would not read whole is answered for what
 * it is: 413 when it is over {@code server.tomcat.max-http-form-post-size}, 400 when it has too many parameters or a
 * bad encoding. Without this, Tomcat drops every parameter silently and lets the request go on: the portal's CSRF
 * check would refuse it as if it were forged (403), and a committee's selection of thousands of ticked cases could be
 * saved as the empty selection it would then look like. Multipart bodies over {@code spring.servlet.multipart.*}
 * already get 413 from {@code ApiErrors}.
 */
@Configuration(proxyBeanMethods = false)
class FormPostLimits {

    @Bean
    FilterRegistrationBean<FailedRequestFilter> failedFormPosts() {
        FilterRegistrationBean<FailedRequestFilter> registration = new FilterRegistrationBean<>(new FailedRequestFilter());
        registration.addUrlPatterns("/portal/*", "/staff/*");
        // after the character encoding filter (parameters are decoded once, as UTF-8), before Spring Security
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }
}
