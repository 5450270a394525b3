-- Self-registration with e-mail verification, the account's language, login throttling.
alter table applicant_account add column verified boolean default false not null;
alter table applicant_account add column language varchar(2) default 'FR' not null;
alter table applicant_account add column verification_hash varchar(64);
alter table applicant_account add column verification_expires_at timestamp with time zone;
alter table applicant_account add column failed_logins integer default 0 not null;
alter table applicant_account add column locked_until timestamp with time zone;
create unique index ix_applicant_account_verification on applicant_account (verification_hash);
