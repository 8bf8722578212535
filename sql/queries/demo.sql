-- DemoSpreadWork dates the calls, notes and stage changes of demo
-- companies just worked by `leadgen demo` over the working days before
-- now, as a team's weeks of work, instead of all at seeding time (which
-- put every called lead inside the call cooldown and all work on today).
-- Only companies in company_ids that are demo companies (a signal under
-- demo_prefix, a "demo:" key) are touched. A company's steps (its entries
-- of one transaction are one step: a call and the stage change it made)
-- keep their order: the first 2–32 working days before now's day (UTC),
-- each next one 1–4 working days later, the last one day before now's day
-- at the latest, each at a working hour (13:00–21:59 UTC, US office
-- hours). The dates follow from the company's demo key, so a data set
-- seeded on the same day looks the same. A call's follow-up task and a
-- stage change's history entry, made in the same transaction, move with
-- it; the companies' last activity and last call follow their timelines.
-- It returns how many companies it dated.
-- name: DemoSpreadWork :execrows
WITH work AS (
    SELECT a.id, a.company_id, a.kind, a.created_at AS seeded_at,
           dense_rank() OVER (PARTITION BY a.company_id ORDER BY a.created_at) - 1 AS step, k.h
    FROM activities a
    CROSS JOIN LATERAL (
        -- a non-negative hash of the company's demo key
        SELECT hashtextextended(min(ck.key), 0) & 9223372036854775807 AS h
        FROM company_keys ck WHERE ck.company_id = a.company_id AND ck.key LIKE 'demo:%'
    ) k
    WHERE a.company_id = ANY(@company_ids::bigint[]) AND a.kind NOT IN ('crawl', 'merge') AND k.h IS NOT NULL
      AND EXISTS (SELECT 1 FROM signals s WHERE s.company_id = a.company_id AND starts_with(s.url, @demo_prefix::text))
),
plan AS (
    -- first_age: working days before today of the first step, with room
    -- for a day per later step
    SELECT w.*, max(w.step) OVER c AS last_step, greatest(2 + w.h % 31, 1 + max(w.step) OVER c) AS first_age
    FROM work w
    WINDOW c AS (PARTITION BY w.company_id)
),
aged AS (
    -- the gap between steps: 1–4 working days, less when the steps would
    -- otherwise reach today
    SELECT p.id, p.company_id, p.kind, p.seeded_at, p.step, p.h,
           p.first_age - p.step * least(1 + (p.h / 31) % 4, (p.first_age - 1) / greatest(p.last_step, 1)) AS age
    FROM plan p
),
days AS (
    -- the working days before now's day, latest first: age 1 is the last one
    SELECT t.today - n AS day, row_number() OVER (ORDER BY n) AS age
    FROM (SELECT (sqlc.arg(now)::timestamptz AT TIME ZONE 'UTC')::date AS today) t
    CROSS JOIN generate_series(1, 70) n
    WHERE extract(isodow FROM t.today - n) < 6
),
dated AS (
    SELECT a.id, a.seeded_at,
           ((d.day + make_time((13 + (a.h / 124 + a.step * 5) % 9)::int, ((a.h / 1116 + a.step * 17) % 60)::int, 0))
               AT TIME ZONE 'UTC') AS at
    FROM aged a JOIN days d ON d.age = a.age
),
moved AS (
    UPDATE activities a SET created_at = d.at FROM dated d WHERE a.id = d.id
    RETURNING a.company_id, a.kind, a.created_at, d.seeded_at
),
moved_tasks AS (
    UPDATE tasks t SET created_at = m.created_at FROM moved m
    WHERE m.kind = 'call' AND t.company_id = m.company_id AND t.created_at = m.seeded_at
),
moved_changes AS (
    UPDATE company_changes ch SET created_at = m.created_at FROM moved m
    WHERE m.kind = 'stage_change' AND ch.company_id = m.company_id AND ch.created_at = m.seeded_at
)
UPDATE companies c SET last_activity_at = x.last_activity, last_contacted_at = x.last_call
FROM (SELECT m.company_id, max(m.created_at) AS last_activity, max(m.created_at) FILTER (WHERE m.kind = 'call') AS last_call
      FROM moved m GROUP BY m.company_id) x
WHERE c.id = x.company_id;
