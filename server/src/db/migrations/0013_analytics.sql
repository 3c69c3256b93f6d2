CREATE TABLE "analytics_result_daily" (
	"day" date NOT NULL,
	"customer_id" uuid NOT NULL,
	"method_id" uuid NOT NULL,
	"verdict" text NOT NULL,
	"tat_days" integer NOT NULL,
	"due_state" smallint NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "analytics_result_daily_pkey" PRIMARY KEY("day","customer_id","method_id","verdict","tat_days","due_state")
);
--> statement-breakpoint
CREATE INDEX "analytics_result_daily_customer_idx" ON "analytics_result_daily" USING btree ("customer_id","day");--> statement-breakpoint
CREATE INDEX "analytics_result_daily_method_idx" ON "analytics_result_daily" USING btree ("method_id","day");--> statement-breakpoint
-- Dashboard rollup (see schema/analytics.ts): a result counts while approved, current and not archived.
CREATE FUNCTION analytics_result_apply(r test_results, delta integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  d date;
  received date;
  due date;
BEGIN
  IF r.status <> 'approved' OR r.approved_at IS NULL OR r.superseded_by_id IS NOT NULL OR r.archived_at IS NOT NULL THEN
    RETURN;
  END IF;
  d := (r.approved_at AT TIME ZONE 'UTC')::date;
  SELECT s.received_date INTO received FROM samples s WHERE s.id = r.sample_id;
  SELECT coalesce(p.due_date, received + m.tat_days) INTO due
    FROM (SELECT 1) one
    LEFT JOIN test_plans p ON p.id = r.plan_id
    LEFT JOIN methods m ON m.id = r.method_id;
  INSERT INTO analytics_result_daily AS a (day, customer_id, method_id, verdict, tat_days, due_state, n)
  VALUES (d, r.customer_id, r.method_id, coalesce(r.overall_verdict, 'none'),
          greatest(0, d - coalesce(received, d)),
          CASE WHEN due IS NULL THEN -1 WHEN d <= due THEN 1 ELSE 0 END, delta)
  ON CONFLICT (day, customer_id, method_id, verdict, tat_days, due_state) DO UPDATE SET n = a.n + excluded.n;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION analytics_result_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD.status, OLD.approved_at, OLD.superseded_by_id, OLD.archived_at, OLD.overall_verdict,
      OLD.customer_id, OLD.method_id) IS NOT DISTINCT FROM (NEW.status, NEW.approved_at, NEW.superseded_by_id,
      NEW.archived_at, NEW.overall_verdict, NEW.customer_id, NEW.method_id) THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM analytics_result_apply(OLD, -1); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM analytics_result_apply(NEW, 1); END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER test_results_analytics AFTER INSERT OR UPDATE OR DELETE ON test_results
  FOR EACH ROW EXECUTE FUNCTION analytics_result_track();
--> statement-breakpoint
-- Recomputes the rollup from test_results (after a bulk load with the trigger disabled, or a restore).
CREATE FUNCTION analytics_result_rollup_rebuild() RETURNS void LANGUAGE sql AS $$
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
$$;
--> statement-breakpoint
-- Dashboard reads on other areas' tables: samples received per customer and period; open work per engineer.
CREATE INDEX samples_customer_received_idx ON samples USING btree (customer_id, received_date);
--> statement-breakpoint
CREATE INDEX test_executions_open_idx ON test_executions USING btree (engineer_id)
  WHERE status IN ('pending', 'in_progress') AND archived_at IS NULL;
