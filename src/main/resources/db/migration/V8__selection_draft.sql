-- The committee's selection of a call while it is composed on the staff selection page (/staff/calls/CODE/selection):
-- one draft per call, its cases one row each. It grows with the call, so it lives here and never in a process
-- variable (the engine keeps strings in varchar(4000)). The committee's task decides exactly what the draft holds.
create table selection_draft (
    call_id  bigint       primary key references call_for_projects (id),
    revision bigint       not null,
    saved_by varchar(128) not null,
    saved_at timestamp with time zone not null,
    constraint ck_selection_draft_revision check (revision > 0)
);

create table selection_draft_application (
    call_id        bigint not null references selection_draft (call_id),
    application_id bigint not null references application (id),
    primary key (call_id, application_id)
);
