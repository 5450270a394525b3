-- The reference call, as published: joint COCOF-COCOM call "Mutualisations ANM 2024-2025" under the
-- "mutualisations" measure of the Accord non marchand 2021-2025.
-- Deadlines are the end of the Brussels day (midnight that ends it): 1 April 2024 and 25 April 2024, both in summer
-- time (+02:00), stored as UTC instants. The call text gives no budget envelope: 1,500,000.00 EUR stands until the
-- administration sets the real one.
insert into call_for_projects (code, reference_prefix, title_fr, title_nl, budget_envelope, min_partners,
                               stage1_deadline, stage2_deadline, state, last_application_number, version)
values ('ANM-2024-2025', 'ANM-2024',
        'Appel à projets conjoint COCOF-COCOM « Mutualisations ANM 2024-2025 »',
        'Gezamenlijke projectoproep COCOF-GGC "Mutualiseringen non-profitakkoord 2024-2025"',
        1500000.00, 1,
        timestamp with time zone '2024-04-01 22:00:00+00:00',
        timestamp with time zone '2024-04-25 22:00:00+00:00',
        'DRAFT', 0, 0);

insert into call_funder (call_id, administration)
select id, 'COCOF' from call_for_projects where code = 'ANM-2024-2025'
union all
select id, 'COCOM' from call_for_projects where code = 'ANM-2024-2025';

insert into call_measure (call_id, measure)
select c.id, m.measure from call_for_projects c
cross join (select 'SUPPORT_FUNCTIONS' as measure union all select 'MOBILE_TEAMS' union all select 'EMPLOYER_GROUPS'
            union all select 'NETWORK_COLLABORATION' union all select 'PHYSICAL_REGROUPING'
            union all select 'PURCHASING_CENTRALS') m
where c.code = 'ANM-2024-2025';

insert into call_aim (call_id, aim)
select c.id, a.aim from call_for_projects c
cross join (select 'COLLABORATIVE_WORK' as aim union all select 'INTERSECTORAL_LINKS'
            union all select 'SUPPORT_STRUCTURES' union all select 'JOB_QUALITY' union all select 'CORE_MISSIONS') a
where c.code = 'ANM-2024-2025';

insert into call_required_document (call_id, position, stage, slot, label_fr, label_nl, one_per_partner)
select c.id, d.position, d.stage, d.slot, d.label_fr, d.label_nl, d.one_per_partner from call_for_projects c
cross join (
    select 0 as position, 'STAGE1' as stage, 'APPLICATION_FORM' as slot,
           'Formulaire de candidature signé' as label_fr, 'Ondertekend aanvraagformulier' as label_nl,
           false as one_per_partner
    union all select 1, 'STAGE1', 'PARTNER_COMMITMENT', 'Lettre d''engagement du partenaire',
           'Engagementsverklaring van de partner', true
    union all select 2, 'STAGE1', 'STATUTES', 'Statuts coordonnés', 'Gecoördineerde statuten', false
    union all select 3, 'STAGE2', 'DETAILED_BUDGET', 'Budget détaillé', 'Gedetailleerde begroting', false
    union all select 4, 'STAGE2', 'ANNUAL_ACCOUNTS', 'Derniers comptes annuels approuvés',
           'Laatst goedgekeurde jaarrekening', false
    union all select 5, 'STAGE2', 'BANK_CERTIFICATE', 'Attestation bancaire', 'Bankattest', false
) d
where c.code = 'ANM-2024-2025';
