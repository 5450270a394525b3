package be.subside.process;

import be.subside.identity.SecurityConfiguration;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/** Staff log in to our endpoints with their Camunda login; their Camunda groups become their authorities. */
@Component
class CamundaStaffAuthentication implements AuthenticationProvider {

    private final IdentityService identity;

    CamundaStaffAuthentication(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String user = authentication.getName();
        String password = String.valueOf(authentication.getCredentials());
        if (identity.createUserQuery().userId(user).count() == 0) {
            return null; // not staff: let the applicant provider try
        }
        if (!identity.checkPassword(user, password)) {
            throw new BadCredentialsException("Bad credentials");
        }
        return staff(identity, user);
    }

    /** A staff member as our endpoints know them: ROLE_STAFF and one authority per Camunda group, read now. */
    static Authentication staff(IdentityService identity, String user) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_" + SecurityConfiguration.STAFF));
        for (Group group : identity.createGroupQuery().groupMember(user).list()) {
            authorities.add(new SimpleGrantedAuthority(SecurityConfiguration.GROUP_PREFIX + group.getId()));
        }
        return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
