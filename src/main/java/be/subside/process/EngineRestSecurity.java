package be.subside.process;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * engine-rest answers only authenticated Camunda users (staff), whose authorizations then apply; applicants have no
 * Camunda identity and so no way in. Without this filter the starter leaves the REST API open to anyone. Queries
 * carrying expressions are refused before that, on engine-rest and on the webapps' internal API alike. And the
 * webapps' pages keep the CSP nonce of their own header under concurrent requests (WebappPageNonce).
 */
@Configuration(proxyBeanMethods = false)
class EngineRestSecurity {

    static final String REST_PATH = "/engine-rest";

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("engine-rest-authentication");
        registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                HttpBasicAuthenticationProvider.class.getName());
        registration.addInitParameter("rest-url-pattern-prefix", REST_PATH);
        registration.addUrlPatterns(REST_PATH + "/*");
        return registration;
    }

    /** Around the webapps' own filters, so that it sees each page whole with its policy header. */
    @Bean
    FilterRegistrationBean<WebappPageNonce> webappPageNonce() {
        FilterRegistrationBean<WebappPageNonce> registration = new FilterRegistrationBean<>(new WebappPageNonce());
        registration.setName("webapp-page-nonce");
        registration.addUrlPatterns("/camunda/app/*");
        registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** Before any authentication: a query carrying an expression is refused whoever sends it. */
    @Bean
    FilterRegistrationBean<ExpressionGuard> expressionGuard() {
        FilterRegistrationBean<ExpressionGuard> registration = new FilterRegistrationBean<>(new ExpressionGuard());
        registration.setName("engine-expression-guard");
        registration.addUrlPatterns(REST_PATH + "/*", "/camunda/api/*");
        registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
