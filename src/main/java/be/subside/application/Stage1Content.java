package be.subside.application;

import be.subside.call.Aim;
import be.subside.call.Measure;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/** What the applicant fills in the preliminary dossier (dossier de candidature préalable). */
public record Stage1Content(String title, String summary, Set<Measure> measures, Set<Aim> aims,
        List<String> partnerEnterpriseNumbers, BigDecimal requestedAmount) {
}
