import { ApiError, gql, gqlUpload, subscribe } from '../api';
import { errorBox, format, h, replace, tile } from '../dom';

interface Job {
  id: string;
  kind: string;
  status: string;
  fileName: string;
  rowsRead: number;
  rowsAccepted: number;
  rowsUnchanged: number;
  rowsDuplicate: number;
  rowsRejected: number;
  rowsDropped: number;
  profilesToFold: number;
  profilesFolded: number;
  error: string | null;
}

interface Finished {
  ignoredColumns: string[];
  unbalancedColumns: { column: string; arm: string; standardizedDifference: number | null; feature: boolean }[];
  leftOutFeatures: { column: string; association: number }[];
  rejections: { nodes: { line: number; field: string; rule: string; message: string }[]; hasNextPage: boolean };
  campaigns: { campaignId: string; name: string }[];
}

const jobFields = 'id kind status fileName rowsRead rowsAccepted rowsUnchanged rowsDuplicate rowsRejected rowsDropped profilesToFold profilesFolded error';
const importMutation = `mutation Import($kind: ImportKind!, $file: Upload!, $options: ImportOptionsInput) {
  importDataset(kind: $kind, file: $file, options: $options) { ${jobFields} } }`;
const progressSubscription = `subscription Progress($id: ID!) { importProgress(id: $id) { ${jobFields} } }`;
const finishedQuery = `query Finished($id: ID!) { importJob(id: $id) {
  ignoredColumns unbalancedColumns { column arm standardizedDifference feature } leftOutFeatures { column association } rejections(first: 200) { nodes { line field rule message } hasNextPage } campaigns { campaignId name } } }`;

const finished = (status: string): boolean => status === 'SUCCEEDED' || status === 'FAILED';

/**
 * Data rows in the file, counted as it streams (a file may be larger than a string can hold): lines after the header,
 * or every line of a JSON Lines file; a gzip file's lines decompressed, as the worker reads it.
 */
async function countRows(file: File, hasHeader: boolean): Promise<number | undefined> {
  if (await isZip(file)) return undefined; // the worker picks the archive's file: its rows are shown as read
  const reader = (await bytesOf(file)).getReader();
  let lines = 0;
  let last = 10;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    for (const byte of chunk.value) if (byte === 10) lines++;
    last = chunk.value.length > 0 ? chunk.value[chunk.value.length - 1]! : last;
  }
  const all = lines + (last === 10 ? 0 : 1); // a last line without a line break
  return Math.max(all - (hasHeader ? 1 : 0), 0);
}

/** A zip archive (known by its first four bytes, as the worker knows it), whose header the page does not read. */
async function isZip(file: File): Promise<boolean> {
  const signature = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  return signature[0] === 0x50 && signature[1] === 0x4b && signature[2] === 0x03 && signature[3] === 0x04;
}

/** The file's bytes, decompressed when it is gzip (known by its first two bytes, as the worker knows it). */
async function bytesOf(file: File): Promise<ReadableStream<Uint8Array>> {
  const signature = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  const gunzip = new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>;
  return signature[0] === 0x1f && signature[1] === 0x8b ? file.stream().pipeThrough(gunzip) : file.stream();
}

/** Upload a file (users, items, events or a past experiment) with its mapping, then its progress and rejections. */
export function importsPage(root: HTMLElement, jobId: string): () => void {
  let stop: (() => void) | undefined;
  let stopped = false;
  const panel = h('div');
  root.append(h('h1', {}, 'Imports'));
  if (jobId) {
    root.append(panel);
    stop = follow(panel, jobId, Promise.resolve(undefined));
    return () => stop?.();
  }

  const kind = h('select', { name: 'kind' }, ...['EVENTS', 'USERS', 'ITEMS', 'EXPERIMENT'].map((k) => h('option', { value: k }, k)));
  const file = h('input', { type: 'file', name: 'file', accept: '.csv,.tsv,.dat,.txt,.json,.jsonl,.gz,.zip,text/csv,application/gzip,application/zip' });
  const delimiter = h('select', { name: 'delimiter' }, ...[[',', 'comma'], [';', 'semicolon'], ['|', 'pipe'], ['\t', 'tab'], ['::', 'double colon (MovieLens .dat, no quoting)']].map(([v, l]) => h('option', { value: v! }, l!)));
  const format = h('select', { name: 'format' }, ...[['CSV', 'CSV'], ['JSON_LINES', 'JSON Lines (one object per line)']].map(([v, l]) => h('option', { value: v! }, l!)));
  const encoding = h('select', { name: 'encoding' }, ...[['UTF_8', 'UTF-8'], ['WINDOWS_1252', 'Windows-1252 / Latin-1']].map(([v, l]) => h('option', { value: v! }, l!)));
  const tags = h('input', { name: 'tags', placeholder: 'e.g. spring-import' });
  const experiment = experimentMapping();
  const policies = columnPolicies();
  const message = h('div');
  const form = h('form', { class: 'card form', novalidate: true },
    h('label', { class: 'field' }, 'What the file holds', kind),
    h('label', { class: 'field' }, 'File (CSV or JSON Lines, gzip or not)', file),
    h('label', { class: 'field' }, 'Format', format),
    h('label', { class: 'field' }, 'Delimiter (CSV)', delimiter),
    h('label', { class: 'field' }, 'Encoding', encoding),
    h('label', { class: 'field' }, 'Tags for every imported user (comma-separated)', tags),
    policies.element, experiment.element, message, h('button', { type: 'submit' }, 'Import'));
  root.append(form, panel);

  const refreshColumns = async (): Promise<void> => {
    const chosen = file.files?.[0];
    const header = chosen ? await firstLine(chosen, encoding.value) : '';
    const columns = format.value === 'JSON_LINES' ? objectFields(header) : header ? header.split(delimiter.value).map((c) => c.trim().replace(/^"|"$/g, '')) : [];
    experiment.setColumns(columns);
    policies.setColumns(columns);
  };
  const toggle = (): void => { experiment.element.hidden = kind.value !== 'EXPERIMENT'; };
  file.addEventListener('change', () => void refreshColumns());
  delimiter.addEventListener('change', () => void refreshColumns());
  format.addEventListener('change', () => { delimiter.disabled = format.value === 'JSON_LINES'; void refreshColumns(); });
  encoding.addEventListener('change', () => void refreshColumns());
  kind.addEventListener('change', toggle);
  toggle();

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replace(message);
    const chosen = file.files?.[0];
    if (!chosen) {
      replace(message, errorBox('Choose a file.'));
      return;
    }
    const options: Record<string, unknown> = format.value === 'JSON_LINES'
      ? { format: format.value, encoding: encoding.value }
      : { delimiter: delimiter.value, encoding: encoding.value };
    const tagList = tags.value.split(',').map((t) => t.trim()).filter(Boolean);
    if (tagList.length > 0) options.tags = tagList;
    const columnPolicyList = policies.read();
    if (columnPolicyList.length > 0) options.columns = columnPolicyList;
    if (kind.value === 'EXPERIMENT') {
      const mapping = experiment.read();
      if (typeof mapping === 'string') {
        replace(message, errorBox(mapping));
        return;
      }
      options.experiment = mapping;
    }
    try {
      const { importDataset: job } = await gqlUpload<{ importDataset: Job }>(importMutation, { kind: kind.value, options }, 'file', chosen);
      if (stopped) return;
      stop?.();
      stop = follow(panel, job.id, countRows(chosen, format.value !== 'JSON_LINES').catch(() => undefined));
    } catch (error) {
      replace(message, errorBox(error instanceof ApiError
        ? [error.message, ...error.violations.slice(1).map((v) => v.message)].join(' · ') + ` (${error.code})`
        : String(error)));
    }
  });
  return () => { stopped = true; stop?.(); };
}

/** Follows a job on importProgress until it has finished, then lists its rejections; the bar's total comes when counted. */
function follow(panel: HTMLElement, id: string, counting: Promise<number | undefined>): () => void {
  let rowsInFile: number | undefined;
  let last: Job | undefined;
  let listed = false;
  const bar = h('progress', { max: 100, value: 0, 'data-testid': 'import-progress' });
  const status = h('div', { class: 'hint', 'data-testid': 'import-status' });
  const figures = h('div', { class: 'tiles' });
  const details = h('div');
  replace(panel, h('section', { class: 'card' }, h('h3', {}, `Import ${id}`), bar, status), figures, details);

  const show = (job: Job): void => {
    last = job;
    const reading = rowsInFile ? Math.min(job.rowsRead / rowsInFile, 1) : 0;
    const folding = job.profilesToFold > 0 ? job.profilesFolded / job.profilesToFold : 0;
    const share = finished(job.status) ? 1 : job.kind === 'EVENTS' ? 0.5 * reading + 0.5 * folding : Math.min(reading, 0.99);
    bar.value = Math.round(share * 100);
    replace(status, `${job.status} · ${format.number(job.rowsRead)} rows read${rowsInFile ? ` of about ${format.number(rowsInFile)}` : ''}` +
      (job.profilesToFold > 0 ? ` · profiles folded ${format.number(job.profilesFolded)} of ${format.number(job.profilesToFold)}` : '') +
      (job.error ? ` · ${job.error}` : ''));
    replace(figures,
      tile('Accepted', format.number(job.rowsAccepted)), tile('Unchanged', format.number(job.rowsUnchanged)),
      tile('Duplicates', format.number(job.rowsDuplicate)), tile('Rejected', format.number(job.rowsRejected), 'import-rejected'),
      tile('Dropped', format.number(job.rowsDropped)));
    if (finished(job.status) && !listed) {
      listed = true;
      showFinished(details, id).catch((error: unknown) => replace(details, errorBox(error)));
    }
  };
  void counting.then((rows) => {
    rowsInFile = rows;
    if (last) show(last);
  });
  return subscribe<{ importProgress: Job }>(progressSubscription, { id }, (data) => show(data.importProgress),
    (error) => replace(status, errorBox(error.message)));
}

async function showFinished(details: HTMLElement, id: string): Promise<void> {
  const { importJob: job } = await gql<{ importJob: Finished }>(finishedQuery, { id });
  replace(details,
    job.campaigns.length > 0 ? h('section', { class: 'card' }, h('h3', {}, 'Campaigns made from the experiment'),
      h('ul', {}, ...job.campaigns.map((c) => h('li', {}, h('a', { href: `#/campaigns/${encodeURIComponent(c.campaignId)}` }, c.name))))) : null,
    ...job.unbalancedColumns.map((u) => h('p', { class: 'hint' }, `Column ${u.column} differs between control and ${u.arm} (${
      u.standardizedDifference === null ? 'constant on each side' : `${u.standardizedDifference} standard deviations`}): measured after assignment? ${
      u.feature ? 'A feature, as featureColumns lists it.' : 'Not a feature.'}`)),
    job.leftOutFeatures.length > 0 ? h('p', { class: 'hint' }, `Left out of the features for want of room (they went with the outcome least): ${
      job.leftOutFeatures.map((f) => `${f.column} (${f.association})`).join(', ')}`) : null,
    job.ignoredColumns.length > 0 ? h('p', { class: 'hint' }, `Ignored columns: ${job.ignoredColumns.join(', ')}`) : null,
    h('section', { class: 'card' }, h('h3', {}, 'Rejected rows'),
      job.rejections.nodes.length === 0 ? h('p', { class: 'hint' }, 'None.') :
        h('table', { 'data-testid': 'rejections' }, h('tr', {}, h('th', {}, 'Line'), h('th', {}, 'Field'), h('th', {}, 'Rule'), h('th', {}, 'Message')),
          ...job.rejections.nodes.map((r) => h('tr', {}, h('td', {}, r.line), h('td', {}, r.field), h('td', {}, r.rule), h('td', {}, r.message)))),
      job.rejections.hasNextPage ? h('p', { class: 'hint' }, 'The first 200; importJob(id) { rejections } pages through the rest.') : null));
}

/** What to do with an empty cell, per column of the file's header (ColumnPolicyInput); only the columns not left as LEAVE are sent. */
function columnPolicies(): { element: HTMLElement; setColumns(columns: string[]): void; read(): Record<string, unknown>[] } {
  const rows = h('div', { class: 'form wide' });
  const element = h('fieldset', { class: 'form wide' }, h('legend', {}, 'Empty cells (per column)'), rows);
  let read: () => Record<string, unknown>[] = () => [];
  element.hidden = true;
  return {
    element,
    setColumns(columns) {
      element.hidden = columns.length === 0;
      const inputs = columns.map((column) => {
        const missing = h('select', { name: `missing.${column}` }, ...['LEAVE', 'DROP', 'DEFAULT', 'IMPUTE'].map((p) => h('option', { value: p }, p)));
        const fallback = h('input', { name: `default.${column}`, placeholder: 'value for DEFAULT', disabled: true });
        missing.addEventListener('change', () => { fallback.disabled = missing.value !== 'DEFAULT'; });
        return { column, missing, fallback };
      });
      replace(rows, ...inputs.map(({ column, missing, fallback }) => h('label', { class: 'field' }, column, missing, fallback)));
      read = () => inputs.filter((i) => i.missing.value !== 'LEAVE').map((i) => ({
        column: i.column, missing: i.missing.value, ...(i.missing.value === 'DEFAULT' ? { default: i.fallback.value } : {}),
      }));
    },
    read: () => read(),
  };
}

/** The EXPERIMENT mapping: columns chosen from the file's header, control values, and the arms as JSON. */
function experimentMapping(): { element: HTMLElement; setColumns(columns: string[]): void; read(): Record<string, unknown> | string } {
  const name = h('input', { name: 'experiment.name', placeholder: 'e.g. spring-coupons' });
  const columnSelects = {
    userIdColumn: h('select', { name: 'experiment.userIdColumn' }),
    assignmentColumn: h('select', { name: 'experiment.assignmentColumn' }),
    conversionColumn: h('select', { name: 'experiment.conversionColumn' }),
    revenueColumn: h('select', { name: 'experiment.revenueColumn' }),
    participationColumn: h('select', { name: 'experiment.participationColumn' }),
  };
  const optional = new Set(['conversionColumn', 'revenueColumn', 'participationColumn']);
  const controlValues = h('input', { name: 'experiment.controlValues', value: '0' });
  const windowDays = h('input', { name: 'experiment.windowDays', type: 'number', value: '30' });
  // A file without revenue (conversions only) may say what a conversion is worth: revenue = conversions × it.
  const conversionValue = h('input', { name: 'experiment.conversionValue', type: 'number', min: '0', step: 'any', placeholder: '(none)' });
  const arms = h('textarea', { name: 'experiment.arms', rows: 3, spellcheck: false });
  arms.value = '[{"value": "1", "name": "ten-off", "type": "PERCENT_OFF", "amount": 10, "channel": "EMAIL"}]';
  const label = (text: string, element: HTMLElement): HTMLElement => h('label', { class: 'field' }, text, element);
  const element = h('fieldset', { class: 'form wide' }, h('legend', {}, 'Experiment mapping'),
    label('Experiment name', name),
    label('User id column', columnSelects.userIdColumn), label('Arm column', columnSelects.assignmentColumn),
    label('Control values (comma-separated)', controlValues),
    label('Conversions column', columnSelects.conversionColumn), label('Revenue column', columnSelects.revenueColumn),
    label('Value of a conversion (without a revenue column)', conversionValue),
    label('Participation column', columnSelects.participationColumn), label('Outcome window (days)', windowDays),
    h('label', { class: 'field wide' }, 'Arms (JSON: value in the arm column, name, type, amount, channel, …)', arms));
  return {
    element,
    setColumns(columns) {
      for (const [field, select] of Object.entries(columnSelects)) {
        const options = columns.map((c) => h('option', { value: c }, c));
        // Without an id column customers are named by line: offered last, so a file's first column stays the default id.
        if (field === 'userIdColumn') replace(select, ...options, h('option', { value: '' }, '(none: customers named by line)'));
        else replace(select, ...(optional.has(field) ? [h('option', { value: '' }, '(none)')] : []), ...options);
      }
    },
    read() {
      let parsedArms: unknown;
      try {
        parsedArms = JSON.parse(arms.value);
      } catch {
        return 'The arms must be a JSON list, e.g. [{"value": "1", "name": "ten-off", "type": "PERCENT_OFF", "amount": 10}].';
      }
      const mapping: Record<string, unknown> = {
        name: name.value.trim(),
        controlValues: controlValues.value.split(',').map((v) => v.trim()).filter(Boolean),
        arms: parsedArms,
        windowDays: Number(windowDays.value),
      };
      for (const [field, select] of Object.entries(columnSelects)) if (select.value) mapping[field] = select.value;
      if (conversionValue.value) mapping.conversionValue = Number(conversionValue.value);
      return mapping;
    },
  };
}

/** The file's first line, for its column names, decoded as the import will read it (a byte-order mark wins there too). */
async function firstLine(file: File, encoding: string): Promise<string> {
  if (await isZip(file)) return '';
  const reader = (await bytesOf(file)).getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    // Until the first line break, or 64 KiB: a gzip file comes out in small pieces.
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      chunks.push(chunk.value);
      length += chunk.value.length;
      if (chunk.value.includes(10) || chunk.value.includes(13) || length >= 65536) break;
    }
  } catch {
    return ''; // a broken gzip file: the import itself says so
  } finally {
    void reader.cancel().catch(() => undefined);
  }
  const bytes = new Uint8Array(length);
  chunks.reduce((at, chunk) => { bytes.set(chunk, at); return at + chunk.length; }, 0);
  const text = new TextDecoder(byteOrderMark(bytes) ?? (encoding === 'WINDOWS_1252' ? 'windows-1252' : 'utf-8')).decode(bytes);
  return text.split(/\r\n|\r|\n/)[0] ?? '';
}

/** The encoding a byte-order mark names, which the worker's reader follows whatever the options say. */
function byteOrderMark(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** The fields of a JSON Lines file's first object (the worker reads the first 100 for its columns). */
function objectFields(line: string): string[] {
  try {
    const value: unknown = JSON.parse(line);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
  } catch {
    return [];
  }
}
