package be.subside.evaluation;

import java.math.BigDecimal;

/** One line of the committee's ranking. */
public record RankedApplication(int rank, String reference, String title, String organisation, int score,
        BigDecimal requestedAmount, boolean proposed) {
}
