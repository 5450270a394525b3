package be.subside.portal;

import org.apache.catalina.filters.FailedRequestFilter;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A url-encoded portal post that Tomcat would not read is answered for what it is: 413 when it is over
 * {@code server.tomcat.max-http-form-post-size}, 400 when it has too many parameters or a bad encoding. Without this,
 * Tomcat drops every parameter silently and lets the request go on, and the CSRF check refuses it as if it were forged
 * (403). Multipart bodies over {@code spring.servlet.multipart.*} already get 413 from {@code ApiErrors}.
 */
@Configuration(proxyBeanMethods = false)
class PortalRequestLimits {

    @Bean
    FilterRegistrationBean<FailedRequestFilter> failedPortalRequests() {
        FilterRegistrationBean<FailedRequestFilter> registration = new FilterRegistrationBean<>(new FailedRequestFilter());
        registration.addUrlPatterns("/portal/*");
        // after the character encoding filter (parameters are decoded once, as UTF-8), before Spring Security
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }
}
