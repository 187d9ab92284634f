import { ProtoWriter } from './protobuf.js';
import type { SummaryValue } from './events.js';

// TensorBoard's HParams plugin (tensorboard/plugins/hparams/{plugin_data,api}.proto and
// google/protobuf/struct.proto). Summaries under these tags carry an `HParamsPluginData` in
// `metadata.plugin_data.content`; the plugin pairs a run's session with its scalar metrics.
/** Tag of the experiment summary (hyper-parameter and metric declarations). */
export const HPARAMS_EXPERIMENT_TAG = '_hparams_/experiment';
/** Tag of a session's start (its hyper-parameter values). */
export const HPARAMS_SESSION_START_TAG = '_hparams_/session_start_info';
/** Tag of a session's end (its status). */
export const HPARAMS_SESSION_END_TAG = '_hparams_/session_end_info';

const PLUGIN_DATA = { version: 1, experiment: 2, sessionStart: 3, sessionEnd: 4 } as const;
const DATA_TYPE = { string: 1, bool: 2, float64: 3 } as const;
/** `tensorboard.hparams.Status`. */
export const HPARAMS_STATUS = { unknown: 0, success: 1, failure: 2, running: 3 } as const;

/** A hyper-parameter value TensorBoard can compare: a number, string or boolean. */
export type HParamValue = number | string | boolean;

/**
 * Flattens a config to scalar hyper-parameters with dotted names (`optim.lr`); arrays and other
 * values become their JSON text, null/undefined are dropped.
 */
export function flattenHparams(config: Record<string, unknown>, prefix = '', out: Record<string, HParamValue> = {}): Record<string, HParamValue> {
  for (const [k, v] of Object.entries(config)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v === null || v === undefined) continue;
    if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') out[key] = v;
    else if (typeof v === 'object' && !Array.isArray(v)) flattenHparams(v as Record<string, unknown>, key, out);
    else out[key] = JSON.stringify(v) ?? String(v);
  }
  return out;
}

/** `google.protobuf.Value` of a scalar. */
function protoValue(v: HParamValue): ProtoWriter {
  const w = new ProtoWriter();
  if (typeof v === 'number') return w.double(2, v);
  if (typeof v === 'string') return w.string(3, v);
  return w.uint(4, v ? 1 : 0);
}

function hparamsValue(tag: string, data: ProtoWriter): SummaryValue {
  const pluginData = new ProtoWriter().string(1, 'hparams').bytes(2, data.finish());
  const metadata = new ProtoWriter().message(1, pluginData);
  return (w) => w.string(1, tag).message(9, metadata);
}

/** The `session_start_info` summary: this run's hyper-parameter values. */
export function sessionStartValue(hparams: Record<string, HParamValue>, startSecs: number, groupName = ''): SummaryValue {
  const ssi = new ProtoWriter();
  for (const [k, v] of Object.entries(hparams)) ssi.message(1, new ProtoWriter().string(1, k).message(2, protoValue(v)));
  if (groupName) ssi.string(4, groupName);
  ssi.double(5, startSecs);
  return hparamsValue(HPARAMS_SESSION_START_TAG, new ProtoWriter().uint(PLUGIN_DATA.version, 0).message(PLUGIN_DATA.sessionStart, ssi));
}

/** The `session_end_info` summary: the run's status. */
export function sessionEndValue(status: number, endSecs: number): SummaryValue {
  const sei = new ProtoWriter().uint(1, status).double(2, endSecs);
  return hparamsValue(HPARAMS_SESSION_END_TAG, new ProtoWriter().uint(PLUGIN_DATA.version, 0).message(PLUGIN_DATA.sessionEnd, sei));
}

/** The `experiment` summary: every hyper-parameter (with its type) and metric (scalar tag) of the run. */
export function experimentValue(hparams: Record<string, HParamValue>, metricTags: string[], createdSecs: number): SummaryValue {
  const exp = new ProtoWriter().double(3, createdSecs);
  for (const [k, v] of Object.entries(hparams)) {
    exp.message(4, new ProtoWriter().string(1, k).uint(4, typeof v === 'number' ? DATA_TYPE.float64 : typeof v === 'boolean' ? DATA_TYPE.bool : DATA_TYPE.string));
  }
  for (const tag of metricTags) exp.message(5, new ProtoWriter().message(1, new ProtoWriter().string(2, tag)));
  return hparamsValue(HPARAMS_EXPERIMENT_TAG, new ProtoWriter().uint(PLUGIN_DATA.version, 0).message(PLUGIN_DATA.experiment, exp));
}
