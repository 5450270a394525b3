package be.subside.evaluation;

import org.springframework.data.jpa.repository.JpaRepository;

interface SelectionDraftRepository extends JpaRepository<SelectionDraft, Long> {
}
