package be.subside.evaluation;

import java.math.BigDecimal;

/** An evaluated case of a call as the ranking reads it, in one query: no case is loaded as an entity. */
record RankingRow(Long applicationId, String reference, String title, String organisation, Integer score,
        BigDecimal requestedAmount) {
}
