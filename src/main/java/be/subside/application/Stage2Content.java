package be.subside.application;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.math.BigDecimal;
import java.time.LocalDate;

/** What the applicant fills in the subsidy request (demande de subvention). */
@Embeddable
public record Stage2Content(
        @Column(name = "s2_budget_total", precision = 14, scale = 2) BigDecimal detailedBudgetTotal,
        @Column(name = "s2_requested_amount", precision = 14, scale = 2) BigDecimal requestedAmount,
        @Column(name = "s2_project_start") LocalDate projectStartDate,
        @Column(name = "s2_duration_months") Integer durationMonths,
        @Column(name = "s2_staff_fte", precision = 6, scale = 2) BigDecimal staffFte,
        @Column(name = "s2_work_plan", length = 8000) String workPlan) {
}
