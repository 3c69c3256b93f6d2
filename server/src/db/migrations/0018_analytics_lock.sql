-- Custom SQL migration file, put your code below! --
-- Dashboard rollups: serialise the rollup writers so multi-result approvals cannot deadlock.
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
  -- One writer at a time until commit: transactions approving several results touch the shared
  -- lab-wide and monthly rows in different orders, which could otherwise deadlock.
  PERFORM pg_advisory_xact_lock(hashtext('labline.analytics_rollup'));
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
