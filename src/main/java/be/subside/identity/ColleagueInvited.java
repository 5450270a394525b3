package be.subside.identity;

/**
 * An organisation's administrator invited a colleague: the invited address may now act for the organisation once it
 * signs in with an account of that address (existing or created with it).
 */
public record ColleagueInvited(String email, Long organisationId, String organisationName, String invitedBy,
        Language language) {
}
