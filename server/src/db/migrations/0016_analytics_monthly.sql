CREATE TABLE "analytics_result_monthly" (
	"month" date NOT NULL,
	"kind" smallint NOT NULL,
	"key_id" uuid NOT NULL,
	"verdict" text NOT NULL,
	"due_state" smallint NOT NULL,
	"tat_days" integer NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "analytics_result_monthly_pkey" PRIMARY KEY("month","kind","key_id","verdict","due_state","tat_days")
);
--> statement-breakpoint
-- The trigger now also keeps the monthly breakdowns (see schema/analytics.ts).
CREATE OR REPLACE FUNCTION analytics_result_apply(r test_results, delta integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  d date;
  mon date;
  received date;
  due date;
  tat integer;
  state smallint;
  v text;
BEGIN
  IF r.status <> 'approved' OR r.approved_at IS NULL OR r.superseded_by_id IS NOT NULL OR r.archived_at IS NOT NULL THEN
    RETURN;
  END IF;
  d := (r.approved_at AT TIME ZONE 'UTC')::date;
  mon := date_trunc('month', d)::date;
  SELECT s.received_date INTO received FROM samples s WHERE s.id = r.sample_id;
  SELECT coalesce(p.due_date, received + m.tat_days) INTO due
    FROM (SELECT 1) one
    LEFT JOIN test_plans p ON p.id = r.plan_id
    LEFT JOIN methods m ON m.id = r.method_id;
  tat := greatest(0, d - coalesce(received, d));
  state := CASE WHEN due IS NULL THEN -1 WHEN d <= due THEN 1 ELSE 0 END;
  v := coalesce(r.overall_verdict, 'none');
  INSERT INTO analytics_result_daily AS a (day, customer_id, method_id, verdict, tat_days, due_state, n)
  VALUES (d, r.customer_id, r.method_id, v, tat, state, delta)
  ON CONFLICT (day, customer_id, method_id, verdict, tat_days, due_state) DO UPDATE SET n = a.n + excluded.n;
  INSERT INTO analytics_result_lab_daily AS a (day, verdict, tat_days, due_state, n)
  VALUES (d, v, tat, state, delta)
  ON CONFLICT (day, verdict, tat_days, due_state) DO UPDATE SET n = a.n + excluded.n;
  INSERT INTO analytics_result_monthly AS a (month, kind, key_id, verdict, due_state, tat_days, n)
  VALUES (mon, 1, r.method_id, v, state, -1, delta), (mon, 2, r.method_id, '', -2, tat, delta),
         (mon, 3, r.customer_id, v, -2, -1, delta)
  ON CONFLICT (month, kind, key_id, verdict, due_state, tat_days) DO UPDATE SET n = a.n + excluded.n;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION analytics_result_monthly_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM analytics_result_monthly;
  INSERT INTO analytics_result_monthly (month, kind, key_id, verdict, due_state, tat_days, n)
  SELECT date_trunc('month', day)::date, 1, method_id, verdict, due_state, -1, sum(n)::int
    FROM analytics_result_daily GROUP BY 1, 3, 4, 5
  UNION ALL
  SELECT date_trunc('month', day)::date, 2, method_id, '', -2, tat_days, sum(n)::int
    FROM analytics_result_daily GROUP BY 1, 3, 6
  UNION ALL
  SELECT date_trunc('month', day)::date, 3, customer_id, verdict, -2, -1, sum(n)::int
    FROM analytics_result_daily GROUP BY 1, 3, 4;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION analytics_result_rollup_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM analytics_result_daily;
  INSERT INTO analytics_result_daily (day, customer_id, method_id, verdict, tat_days, due_state, n)
  SELECT day, customer_id, method_id, verdict, greatest(0, day - coalesce(received, day)),
         CASE WHEN due IS NULL THEN -1 WHEN day <= due THEN 1 ELSE 0 END, count(*)::int
    FROM (SELECT (r.approved_at AT TIME ZONE 'UTC')::date AS day, r.customer_id, r.method_id,
                 coalesce(r.overall_verdict, 'none') AS verdict, s.received_date AS received,
                 coalesce(p.due_date, s.received_date + m.tat_days) AS due
            FROM test_results r
            LEFT JOIN samples s ON s.id = r.sample_id
            LEFT JOIN test_plans p ON p.id = r.plan_id
            LEFT JOIN methods m ON m.id = r.method_id
           WHERE r.status = 'approved' AND r.approved_at IS NOT NULL AND r.superseded_by_id IS NULL
             AND r.archived_at IS NULL) x
   GROUP BY 1, 2, 3, 4, 5, 6;
  DELETE FROM analytics_result_lab_daily;
  INSERT INTO analytics_result_lab_daily (day, verdict, tat_days, due_state, n)
  SELECT day, verdict, tat_days, due_state, sum(n)::int FROM analytics_result_daily GROUP BY 1, 2, 3, 4;
  SELECT analytics_result_monthly_rebuild();
$$;
--> statement-breakpoint
-- Backfill from the daily rollup (a few hundred thousand rows at most: cheap at boot).
SELECT analytics_result_monthly_rebuild();
