-- Password reset by e-mail (a one-time link, hashed like the verification link) and colleagues invited by an
-- organisation's administrator (who invited them, and when).
alter table applicant_account add column reset_hash varchar(64);
alter table applicant_account add column reset_expires_at timestamp with time zone;
alter table applicant_account add column reset_requested_at timestamp with time zone;
create unique index ix_applicant_account_reset on applicant_account (reset_hash);
alter table organisation_member add column invited_by varchar(128);
alter table organisation_member add column joined_at timestamp with time zone;
