package be.subside.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.CompositeHeaderWriter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter.XFrameOptionsMode;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Our own endpoints ({@code /api/**} for applicants and staff, {@code /staff/**} for staff) authenticate every request:
 * applicants against the portal's accounts, staff against the Camunda identity (a provider of the process package,
 * which grants ROLE_STAFF and one GROUP_ authority per Camunda group), or, for reads only, by their Tasklist sign-in.
 * The Camunda webapps and engine-rest keep their own authentication and are left alone here. No page of ours may be
 * framed, except the case as Tasklist frames it in every staff form and a call's selection as it frames it in the
 * committee's form, and those by this origin only. A Tasklist sign-in writes nothing but the committee's selection,
 * with the page's token.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    public static final String STAFF = "STAFF";
    public static final String GROUP_PREFIX = "GROUP_";

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /**
     * The applicant portal: a session opened by form login (applicants only, verified addresses, throttled), CSRF
     * tokens on every form, strict headers.
     */
    @Bean
    @Order(0)
    SecurityFilterChain portal(HttpSecurity http, ApplicantAccounts applicants, PasswordEncoder encoder,
            AuthenticationEventPublisher events) throws Exception {
        ProviderManager manager = new ProviderManager(applicantProvider(applicants, encoder));
        manager.setAuthenticationEventPublisher(events);
        return http.securityMatcher("/portal/**")
                .authenticationManager(manager)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/portal/login", "/portal/register", "/portal/verify", "/portal/password/**",
                                "/portal/assets/**")
                        .permitAll()
                        .anyRequest().hasRole("APPLICANT"))
                .formLogin(form -> form.loginPage("/portal/login").loginProcessingUrl("/portal/login")
                        .usernameParameter("email").defaultSuccessUrl("/portal", true)
                        .failureHandler(new PortalLoginFailures()))
                .logout(logout -> logout.logoutUrl("/portal/logout").logoutSuccessUrl("/portal/login?logout"))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self';"
                                        + " base-uri 'self'; object-src 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(
                                ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)))
                .build();
    }

    private static DaoAuthenticationProvider applicantProvider(ApplicantAccounts applicants, PasswordEncoder encoder) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(applicants);
        provider.setPasswordEncoder(encoder);
        return provider;
    }

    /** The case as Tasklist frames it in every staff form: a page of ours that a page may frame, ours only. */
    static final RequestMatcher EMBEDDED_CASE = PathPatternRequestMatcher.withDefaults()
            .matcher(HttpMethod.GET, "/staff/cases/*/embedded");

    /**
     * A call's ranking and selection as Tasklist frames it in the committee's form, and the answer to its own save
     * (a refusal is shown in the frame): the only other page that may be framed, ours only, and the only one whose
     * form may post (to this origin).
     */
    static final RequestMatcher EMBEDDED_SELECTION = new OrRequestMatcher(
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/staff/calls/*/selection/embedded"),
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/staff/calls/*/selection/embedded"));

    static final RequestMatcher EMBEDDED = new OrRequestMatcher(EMBEDDED_CASE, EMBEDDED_SELECTION);

    /** What the framed pages may do: nothing but show themselves (the selection also posts its form, here). */
    private static final String EMBEDDED_POLICY = "default-src 'self'; img-src 'self' data:; script-src 'none';"
            + " object-src 'none'; base-uri 'none'; form-action %s; frame-ancestors 'self'";

    @Bean
    @Order(1)
    SecurityFilterChain ownEndpoints(HttpSecurity http, ApplicantAccounts applicants, PasswordEncoder encoder,
            List<AuthenticationProvider> staffProviders, StaffWebappSession webappSessions, StaffFormTokens formTokens,
            AuthenticationEventPublisher events) throws Exception {
        List<AuthenticationProvider> providers = new ArrayList<>(staffProviders);
        providers.add(applicantProvider(applicants, encoder));
        ProviderManager manager = new ProviderManager(providers);
        manager.setAuthenticationEventPublisher(events);
        return http.securityMatcher("/api/**", "/staff/**")
                .authenticationManager(manager)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/staff/**").hasRole(STAFF)
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.realmName("subside"))
                // in a frame, a signed-out Tasklist gets a plain 401, not the browser's password prompt
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), EMBEDDED))
                // stateless Basic authentication, no session cookie; but a browser replays Basic credentials, so a
                // state-changing request must come from our own pages (Fetch Metadata and Origin checked instead)
                .csrf(csrf -> csrf.disable())
                .addFilterBefore(new SameOriginWrites(), BasicAuthenticationFilter.class)
                // reads only, for staff already signed in to Tasklist in this browser
                .addFilterBefore(new StaffWebappSessionReads(webappSessions), BasicAuthenticationFilter.class)
                // and the committee's save of its selection, with the page's token, from the form that frames it
                .addFilterBefore(new StaffWebappSessionWrites(webappSessions, formTokens), BasicAuthenticationFilter.class)
                // this chain signs nobody in to a session, so it leaves alone the one it reads (no new session id)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
                        .sessionFixation(fixation -> fixation.none()))
                .headers(headers -> headers
                        .frameOptions(frame -> frame.disable())
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(EMBEDDED_CASE, framedBy(
                                XFrameOptionsMode.SAMEORIGIN, EMBEDDED_POLICY.formatted("'none'"))))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(EMBEDDED_SELECTION, framedBy(
                                XFrameOptionsMode.SAMEORIGIN, EMBEDDED_POLICY.formatted("'self'"))))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                new NegatedRequestMatcher(EMBEDDED),
                                framedBy(XFrameOptionsMode.DENY, "frame-ancestors 'none'"))))
                .build();
    }

    /** Who may frame a response, in both headers: X-Frame-Options for old browsers, CSP frame-ancestors for the rest. */
    private static HeaderWriter framedBy(XFrameOptionsMode mode, String policy) {
        return new CompositeHeaderWriter(List.of(new XFrameOptionsHeaderWriter(mode),
                new ContentSecurityPolicyHeaderWriter(policy)));
    }

    @Bean
    @Order(2)
    SecurityFilterChain camundaAndRest(HttpSecurity http) throws Exception {
        // the Camunda webapps have their own login and CSRF protection; engine-rest its own authentication filter
        return http.authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin())
                        .referrerPolicy(referrer -> referrer.policy(
                                ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)))
                .build();
    }

    /** Who made this request, as our services check it. */
    public static Caller caller(Authentication authentication) {
        Set<String> authorities = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .collect(Collectors.toSet());
        if (authorities.contains("ROLE_" + STAFF)) {
            return Caller.staff(authentication.getName(), authorities.stream().filter(a -> a.startsWith(GROUP_PREFIX))
                    .map(a -> a.substring(GROUP_PREFIX.length())).collect(Collectors.toSet()));
        }
        return Caller.applicant(authentication.getName());
    }
}
