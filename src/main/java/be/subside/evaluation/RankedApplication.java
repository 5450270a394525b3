package be.subside.evaluation;

import java.math.BigDecimal;

/**
 * One line of the committee's ranking: the case, its evaluation score out of 100, and whether the proposal takes it
 * (in rank order, every case whose requested amount still fits in the budget envelope).
 */
public record RankedApplication(int rank, Long applicationId, String reference, String title, String organisation,
        int score, BigDecimal requestedAmount, boolean proposed) {
}
