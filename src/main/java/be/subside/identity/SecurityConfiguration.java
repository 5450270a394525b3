package be.subside.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
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
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Our own endpoints ({@code /api/**} for applicants and staff, {@code /staff/**} for staff) authenticate every request:
 * applicants against the portal's accounts, staff against the Camunda identity (a provider of the process package,
 * which grants ROLE_STAFF and one GROUP_ authority per Camunda group). The Camunda webapps and engine-rest keep their
 * own authentication and are left alone here.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    public static final String STAFF = "STAFF";
    public static final String GROUP_PREFIX = "GROUP_";

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    @Order(1)
    SecurityFilterChain ownEndpoints(HttpSecurity http, ApplicantAccounts applicants, PasswordEncoder encoder,
            List<AuthenticationProvider> staffProviders) throws Exception {
        DaoAuthenticationProvider applicantProvider = new DaoAuthenticationProvider(applicants);
        applicantProvider.setPasswordEncoder(encoder);
        List<AuthenticationProvider> providers = new ArrayList<>(staffProviders);
        providers.add(applicantProvider);
        return http.securityMatcher("/api/**", "/staff/**")
                .authenticationManager(new ProviderManager(providers))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/staff/**").hasRole(STAFF)
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.realmName("subside"))
                // stateless Basic authentication, no session cookie; but a browser replays Basic credentials, so a
                // state-changing request must come from our own pages (Fetch Metadata and Origin checked instead)
                .csrf(csrf -> csrf.disable())
                .addFilterBefore(new SameOriginWrites(), BasicAuthenticationFilter.class)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain camundaAndRest(HttpSecurity http) throws Exception {
        // the Camunda webapps have their own login and CSRF protection; engine-rest its own authentication filter
        return http.authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
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
