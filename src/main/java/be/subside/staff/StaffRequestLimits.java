package be.subside.staff;

import org.apache.catalina.filters.FailedRequestFilter;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A staff form post that Tomcat would not read whole is refused (413 over {@code server.tomcat.max-http-form-post-size},
 * 400 for too many parameters or a bad encoding) instead of going on with its parameters silently dropped: a
 * committee's selection of thousands of ticked cases must never be saved as the empty selection it would then look like.
 */
@Configuration(proxyBeanMethods = false)
class StaffRequestLimits {

    @Bean
    FilterRegistrationBean<FailedRequestFilter> failedStaffRequests() {
        FilterRegistrationBean<FailedRequestFilter> registration = new FilterRegistrationBean<>(new FailedRequestFilter());
        registration.addUrlPatterns("/staff/*");
        // after the character encoding filter (parameters are decoded once, as UTF-8), before Spring Security
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }
}
