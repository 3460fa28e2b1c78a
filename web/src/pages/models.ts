import type { Chart } from 'chart.js';
import { ApiError, gql, subscribe } from '../api';
import { chartBox, xyChart } from '../charts';
import { append, errorBox, field, format, h, replace, showAtFields } from '../dom';
import { session } from '../session';

type Task = 'UPLIFT' | 'USERS' | 'ITEMS';

interface Version {
  id: string;
  status: string;
  promotion: string;
  createdAt: string;
  drift: { maxPsi: number | null; computedAt: string } | null;
  uplift: {
    model: { qini: number | null; auc: number | null; qiniCurve: Curve | null; calibration: Bin[] | null };
    baseline: { qini: number | null; qiniCurve: Curve | null };
    qiniRatio: number | null;
    coverage95: number | null;
  } | null;
  userScores: { model: { propensityAuc: number | null; churnAuc: number | null }; baseline: { propensityAuc: number | null; churnAuc: number | null } } | null;
  items: { model: { ndcgAt10: number | null }; popularity: { ndcgAt10: number | null }; ndcgRatio: number | null } | null;
}

type Curve = { share: number; gain: number }[];
type Bin = { meanPredicted: number; observedRate: number; rows: number };

interface Run {
  id: string;
  status: string;
  trigger: string;
  createdAt: string;
  error: string | null;
  progress: { phase: string; step: number; steps: number; epoch: number | null; trainLoss: number | null; validationLoss: number | null } | null;
}

interface Schedule {
  task: Task;
  cron: string;
  timeZone: string;
  onlyWhenNewData: boolean;
  retrainWhenDriftAbove: number | null;
  nextRunAt: string | null;
}

const runFields = 'id status trigger createdAt error progress { phase step steps epoch trainLoss validationLoss }';
const tasks: Task[] = ['UPLIFT', 'USERS', 'ITEMS'];
const titles: Record<Task, string> = { UPLIFT: 'Uplift (campaign response)', USERS: 'User scores and personas', ITEMS: 'Item recommender' };
const modelsQuery = `query Models($task: ModelTask!) {
  models(task: $task, first: 10) { nodes { id status promotion createdAt drift { maxPsi computedAt }
    uplift { model { qini auc qiniCurve { share gain } calibration { meanPredicted observedRate rows } } baseline { qini qiniCurve { share gain } } qiniRatio coverage95 }
    userScores { model { propensityAuc churnAuc } baseline { propensityAuc churnAuc } }
    items { model { ndcgAt10 } popularity { ndcgAt10 } ndcgRatio } } }
  trainingRuns(task: $task, first: 5) { nodes { ${runFields} } } }`;
const schedulesQuery = '{ tenant { schedules { task cron timeZone onlyWhenNewData retrainWhenDriftAbove nextRunAt } } }';

/** Against its baseline, in the task's own measure. */
function metrics(v: Version): string {
  if (v.uplift) return `Qini ${format.measure(v.uplift.model.qini)} vs baseline ${format.measure(v.uplift.baseline.qini)} (${format.measure(v.uplift.qiniRatio)}×) · AUC ${format.measure(v.uplift.model.auc)} · 95% coverage ${format.percent(v.uplift.coverage95)}`;
  if (v.userScores) return `propensity AUC ${format.measure(v.userScores.model.propensityAuc)} vs ${format.measure(v.userScores.baseline.propensityAuc)} · churn AUC ${format.measure(v.userScores.model.churnAuc)} vs ${format.measure(v.userScores.baseline.churnAuc)}`;
  if (v.items) return `NDCG@10 ${format.measure(v.items.model.ndcgAt10)} vs popularity ${format.measure(v.items.popularity.ndcgAt10)} (${format.measure(v.items.ndcgRatio)}×)`;
  return '';
}

/** Model versions against their baselines, training runs with live progress, and (ADMIN) training, promotion and schedules. */
export function modelsPage(root: HTMLElement): () => void {
  const admin = session.can('ADMIN');
  const stops: (() => void)[] = [];
  root.append(h('h1', {}, 'Models'));
  for (const task of tasks) {
    const section = h('section', { class: 'card', 'data-task': task });
    root.append(section);
    stops.push(taskSection(section, task, admin));
  }
  return () => stops.forEach((stop) => stop());
}

function taskSection(section: HTMLElement, task: Task, admin: boolean): () => void {
  const versions = h('div');
  const curves = h('div', { class: 'grid' });
  let drawn: Chart[] = [];
  const runs = h('div');
  const schedule = h('div');
  const message = h('div');
  let unsubscribe: (() => void) | undefined;
  let following: string | undefined;
  let stopped = false;
  const train = h('button', { onclick: () => void start() }, 'Train now');
  replace(section, h('div', { class: 'title-row' }, h('h3', {}, titles[task]), admin ? train : null), message, versions, curves, runs, schedule);

  async function load(): Promise<void> {
    const data = await gql<{ models: { nodes: Version[] }; trainingRuns: { nodes: Run[] } }>(modelsQuery, { task });
    if (stopped) return;
    replace(versions, data.models.nodes.length === 0 ? h('p', { class: 'hint' }, 'No version yet.') :
      h('table', {}, h('tr', {}, h('th', {}, 'Version'), h('th', {}, 'Status'), h('th', {}, 'Trained'), h('th', {}, 'Against the baseline'), h('th', {}, 'Drift (max PSI)'), h('th', {}, '')),
        ...data.models.nodes.map((v) => h('tr', { title: v.promotion },
          h('td', {}, h('code', {}, v.id)), h('td', {}, h('span', { class: `status ${v.status.toLowerCase()}` }, v.status)), h('td', {}, format.date(v.createdAt)),
          h('td', {}, metrics(v)), h('td', {}, v.drift ? format.measure(v.drift.maxPsi) : '–'),
          h('td', {}, admin && v.status !== 'ACTIVE' ? h('button', { class: 'link', onclick: () => void promote(v.id) }, v.status === 'RETIRED' ? 'Roll back to it' : 'Promote') : null)))));
    replace(runs, data.trainingRuns.nodes.length === 0 ? null :
      h('table', { 'data-testid': `runs-${task}` }, h('tr', {}, h('th', {}, 'Run'), h('th', {}, 'Status'), h('th', {}, 'Trigger'), h('th', {}, 'Queued'), h('th', {}, 'Progress')),
        ...data.trainingRuns.nodes.map((r) => h('tr', {}, h('td', {}, h('code', {}, r.id)), h('td', {}, r.status), h('td', {}, r.trigger),
          h('td', {}, format.date(r.createdAt)), h('td', {}, r.error ?? progressText(r))))));
    drawn.forEach((c) => c.destroy());
    const active = data.models.nodes.filter((v) => v.status === 'ACTIVE');
    drawn = drawCurves(curves, [...active, ...data.models.nodes].find((v) => v.uplift?.model.qiniCurve));
    const running = data.trainingRuns.nodes.find((r) => r.status === 'QUEUED' || r.status === 'RUNNING');
    if (running && following !== running.id) followRun(running.id);
  }

  /** Follows one run at a time: a newer one replaces the one followed before. */
  function followRun(runId: string): void {
    unsubscribe?.();
    following = runId;
    const bar = h('progress', { max: 1, value: 0, 'data-testid': `training-${task}` });
    const text = h('span', { class: 'hint' });
    replace(message, h('div', {}, `Run ${runId}: `, bar, ' ', text));
    unsubscribe = subscribe<{ trainingProgress: Run }>(`subscription Run($id: ID!) { trainingProgress(runId: $id) { ${runFields} } }`, { id: runId },
      ({ trainingProgress: run }) => {
        bar.max = Math.max(run.progress?.steps ?? 1, 1);
        bar.value = run.status === 'SUCCEEDED' ? bar.max : run.progress?.step ?? 0;
        replace(text, `${run.status} · ${run.error ?? progressText(run)}`);
        text.dataset.status = run.status;
        if (!['QUEUED', 'RUNNING'].includes(run.status)) {
          load().catch((error: unknown) => replace(versions, errorBox(error)));
        }
      },
      (error) => replace(message, errorBox(error.message)));
  }

  async function start(): Promise<void> {
    try {
      const { trainModels } = await gql<{ trainModels: Run }>(`mutation Train($task: ModelTask!) { trainModels(task: $task) { ${runFields} } }`, { task });
      if (!stopped) followRun(trainModels.id);
    } catch (error) {
      replace(message, errorBox(error));
    }
  }

  async function promote(versionId: string): Promise<void> {
    try {
      await gql('mutation Promote($id: ID!) { promoteModel(versionId: $id) { id status } }', { id: versionId });
      await load();
    } catch (error) {
      replace(message, errorBox(error));
    }
  }

  load().catch((error: unknown) => replace(versions, errorBox(error)));
  scheduleEditor(schedule, task, admin).catch((error: unknown) => replace(schedule, errorBox(error)));
  return () => { stopped = true; unsubscribe?.(); drawn.forEach((c) => c.destroy()); };
}

/** Qini curves against the baseline's and the reliability diagram of the ACTIVE uplift version, else of the newest that kept them. */
function drawCurves(root: HTMLElement, version: Version | undefined): Chart[] {
  const uplift = version?.uplift;
  replace(root);
  if (!uplift?.model.qiniCurve || !uplift.model.calibration) return [];
  const qini = chartBox(`chart-qini`);
  const calibration = chartBox(`chart-calibration`);
  append(root,
    h('section', { class: 'card' }, h('h3', {}, `Qini curves of ${version!.status} version ${version!.id.slice(0, 8)}… on held-out users`), qini.box),
    h('section', { class: 'card' }, h('h3', {}, 'Calibration of its conversion prediction'), calibration.box));
  const points = (curve: Curve) => curve.map((p) => ({ x: p.share, y: p.gain }));
  const end = uplift.model.qiniCurve[uplift.model.qiniCurve.length - 1]?.gain ?? 0;
  return [
    xyChart(qini.canvas, [
      { label: 'model', points: points(uplift.model.qiniCurve) },
      { label: 'baseline', points: points(uplift.baseline.qiniCurve ?? []) },
      { label: 'random', points: [{ x: 0, y: 0 }, { x: 1, y: end }], dashed: true },
    ], 'share of users targeted', 'incremental conversions per user'),
    xyChart(calibration.canvas, [
      { label: 'model', points: uplift.model.calibration.map((b) => ({ x: b.meanPredicted, y: b.observedRate })) },
      { label: 'perfect', points: [{ x: 0, y: 0 }, { x: 1, y: 1 }], dashed: true },
    ], 'predicted conversion chance', 'observed conversion rate'),
  ];
}

function progressText(run: Run): string {
  const p = run.progress;
  if (!p) return '';
  return `${p.phase} ${p.step}/${p.steps}${p.epoch === null ? '' : ` · epoch ${p.epoch}`}` +
    (p.trainLoss === null ? '' : ` · loss ${format.number(p.trainLoss)}`) + (p.validationLoss === null ? '' : ` / ${format.number(p.validationLoss)}`);
}

/** The task's retraining schedule: shown to every data role, edited by ADMIN keys (setRetrainingSchedule). */
async function scheduleEditor(root: HTMLElement, task: Task, admin: boolean): Promise<void> {
  const { tenant } = await gql<{ tenant: { schedules: Schedule[] } }>(schedulesQuery);
  const current = tenant.schedules.find((s) => s.task === task);
  const summary = h('p', { class: 'hint', 'data-testid': `schedule-${task}` }, current
    ? `Retrains on "${current.cron}" (${current.timeZone})${current.onlyWhenNewData ? ' when new data arrived' : ''}${current.retrainWhenDriftAbove === null ? '' : `, and when drift passes ${current.retrainWhenDriftAbove}`}; next run ${format.date(current.nextRunAt)}.`
    : 'No retraining schedule.');
  if (!admin) {
    replace(root, summary);
    return;
  }
  const cron = h('input', { name: 'cron', value: current?.cron ?? '0 3 * * *' });
  const timeZone = h('input', { name: 'timeZone', value: current?.timeZone ?? 'UTC' });
  const onlyWhenNewData = h('input', { name: 'onlyWhenNewData', type: 'checkbox', checked: current?.onlyWhenNewData ?? true });
  const drift = h('input', { name: 'retrainWhenDriftAbove', type: 'number', step: 'any', value: current?.retrainWhenDriftAbove ?? '' });
  const form = h('form', { class: 'form', novalidate: true },
    field('cron', 'Cron (5 fields, at most hourly)', cron), field('timeZone', 'Time zone (IANA)', timeZone),
    field('retrainWhenDriftAbove', 'Also retrain when drift (PSI) passes', drift),
    h('label', { class: 'field' }, h('span', {}, onlyWhenNewData, ' only when new data arrived')),
    h('button', { type: 'submit' }, 'Save schedule'));
  const message = h('div');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replace(message);
    try {
      await gql(`mutation Schedule($task: ModelTask!, $cron: String!, $timeZone: String, $only: Boolean, $drift: Float) {
        setRetrainingSchedule(task: $task, cron: $cron, timeZone: $timeZone, onlyWhenNewData: $only, retrainWhenDriftAbove: $drift) { task } }`,
      { task, cron: cron.value, timeZone: timeZone.value || null, only: onlyWhenNewData.checked, drift: drift.value === '' ? null : Number(drift.value) });
      await scheduleEditor(root, task, admin);
    } catch (error) {
      const elsewhere = error instanceof ApiError ? showAtFields(form, error.violations) : [];
      if (!(error instanceof ApiError) || error.violations.length === 0) replace(message, errorBox(error));
      else append(message, ...elsewhere.map((v) => errorBox(`${v.field}: ${v.message}`)));
    }
  });
  replace(root, summary, form, message);
}
