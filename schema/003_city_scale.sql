-- 003 indexes for a city's numbers (issue 3: the lists stay fast at 300,000 persons; measured by
-- bench/scale.sh, figures in docs/performance.md "At city scale").

-- A name prefix is listed in reading order: with the reading and the ward in the index, the
-- matches are sorted from the index alone (person_search reads the page's rows afterwards).
-- It starts with name_key, so it also serves everything person_name did.
DROP INDEX person_name;
CREATE INDEX person_name_search ON person (name_key, kana_key, id, ward_code);

-- The persons an organisation registered before any case (access.c's candidates for the team
-- roles). Imported persons have none, so only the few registered on screen are indexed.
CREATE INDEX person_registered ON person (registered_by) WHERE registered_by IS NOT NULL;

-- Where a service period really ends (an extension moves it): the dashboard's "service ends"
-- and running planning periods (due.c) read a date range of it instead of every period.
CREATE INDEX service_period_until ON service_period ((COALESCE(extended_to, ends_on)), service);
