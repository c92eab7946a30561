/**
 * The kubelet's journal, derived from the run's record: the kubelet's SyncLoop lines for the
 * pods bound to its node (ADD when it sees the binding, DELETE when the pod is deleted
 * gracefully, REMOVE when the object is gone) and the PLEG's container events (a new
 * container id running: ContainerStarted; a container terminated: ContainerDied), as klog
 * writes them in the node's local time (`I1208 19:35:00.123456     901 kubelet.go:2337] …`);
 * and the pod workers' failed syncs the kubelet logged in the component log (pod_workers.go
 * podWorkerLoop: `klog.ErrorS(err, "Error syncing pod, skipping", "pod", …, "podUID", …)`, so
 * severity E). Structured message texts as kubelet v1.30 logs them; the source line numbers are
 * `// wording not verified`.
 */
import type { K8sObject } from '../../types';
import type { Civil } from '../../sim/time';
import { localCivil } from '../clock';
import { parseTime } from '../../sim/time';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface JournalEntry {
  t: number;
  text: string;
}

function p2(n: number): string {
  return String(n).padStart(2, '0');
}

/** klog's header in the node's zone (CST). */
export function klogHeader(t: number, pid: number, where: string, severity = 'I'): string {
  const d = civilLocal(t);
  const us = String(((t % 1000) + 1000) % 1000).padStart(3, '0') + '000';
  return `${severity}${p2(d.month)}${p2(d.day)} ${p2(d.hour)}:${p2(d.minute)}:${p2(d.second)}.${us} ${String(pid).padStart(7)} ${where}] `;
}

/** Calendar fields in the nodes' zone (China Standard Time, +08:00). */
export function civilLocal(t: number): Civil {
  return localCivil(t, 480);
}


/** What the kubelet's journal is made of: the run's revisions and the kubelet's component log. */
export function kubeletJournal(
  revisions: ReadonlyArray<{ t: number; type: string; object: K8sObject }>,
  components: ReadonlyArray<{ t: number; component: string; message: string }>,
  node: string,
  pid: number,
): JournalEntry[] {
  const fromRevisions = revisionLines(revisions, node, pid, mirrorReplacements(components, node));
  const fromSyncs = syncErrorLines(components, node, pid);
  if (fromSyncs.length === 0) return fromRevisions;
  // Both are in time order: merge them (a revision's lines first at the same instant).
  const out: JournalEntry[] = [];
  let i = 0;
  let j = 0;
  while (i < fromRevisions.length || j < fromSyncs.length) {
    if (j >= fromSyncs.length || (i < fromRevisions.length && fromRevisions[i].t <= fromSyncs[j].t)) out.push(fromRevisions[i++]);
    else out.push(fromSyncs[j++]);
  }
  return out;
}

const SYNC_ERROR = '"Error syncing pod, skipping"';

/**
 * The pod worker's failed syncs (back-off, pull errors), from the kubelet's component log:
 * `E1208 19:35:21.000000     901 pod_workers.go:1298] "Error syncing pod, skipping" err="failed to
 * \"StartContainer\" for \"app\" with CrashLoopBackOff: …" pod="default/crash" podUID="…"`.
 */
function syncErrorLines(components: ReadonlyArray<{ t: number; component: string; message: string }>, node: string, pid: number): JournalEntry[] {
  const who = `kubelet/${node}`;
  const out: JournalEntry[] = [];
  for (const c of components) {
    if (c.component !== who || c.t < 0 || !c.message.startsWith(SYNC_ERROR)) continue;
    // wording not verified: line number (kubelets of v1.29/v1.30 in public journals log pod_workers.go:1298)
    out.push({ t: c.t, text: klogHeader(c.t, pid, 'pod_workers.go:1298', 'E') + c.message });
  }
  return out;
}

const MIRROR_DELETED = '"Deleted mirror pod because it is outdated" pod="';

/** The mirror pods the kubelet deleted to make them anew (its component log), as `t|namespace/name`. */
function mirrorReplacements(components: ReadonlyArray<{ t: number; component: string; message: string }>, node: string): Set<string> {
  const who = `kubelet/${node}`;
  const out = new Set<string>();
  for (const c of components) if (c.component === who && c.message.startsWith(MIRROR_DELETED)) out.add(`${c.t}|${c.message.slice(MIRROR_DELETED.length, -1)}`);
  return out;
}

function revisionLines(revisions: ReadonlyArray<{ t: number; type: string; object: K8sObject }>, node: string, pid: number, mirrors: Set<string>): JournalEntry[] {
  const out: JournalEntry[] = [];
  const seen = new Map<string, { bound: boolean; deleting: boolean; ids: Set<string>; died: Set<string> }>();
  /** Containers the PLEG already saw running on this node (a new mirror pod shows its static pod's). */
  const running = new Set<string>();
  for (const r of revisions) {
    const o = r.object;
    if (o.kind !== 'Pod' || o.spec?.nodeName !== node || r.t < 0) continue;
    const key = o.metadata.uid ?? `${o.metadata.namespace}/${o.metadata.name}`;
    const ref = `${o.metadata.namespace}/${o.metadata.name}`;
    const statuses: Json[] = [...(o.status?.initContainerStatuses ?? []), ...(o.status?.containerStatuses ?? [])];
    const idOf = (cs: Json) => String(cs.containerID ?? '').replace(/^containerd:\/\//, '');
    let s = seen.get(key);
    if (!s) {
      seen.set(key, (s = { bound: false, deleting: false, ids: new Set(), died: new Set() }));
      // The system pods were bound and started days before t = 0 (those journal lines have rotated away).
      if (parseTime(o.metadata.creationTimestamp ?? '') < 0) {
        s.bound = true;
        for (const cs of statuses) if (idOf(cs)) (s.ids.add(idOf(cs)), running.add(idOf(cs)));
      }
    }
    const line = (where: string, msg: string) => out.push({ t: r.t, text: klogHeader(r.t, pid, where) + msg });
    if (!s.bound) {
      s.bound = true;
      line('kubelet.go:2337', `"SyncLoop ADD" source="api" pods=["${ref}"]`); // wording not verified: line number
    }
    for (const cs of statuses) {
      const id = idOf(cs);
      if (id && cs.state?.running && !s.ids.has(id)) {
        s.ids.add(id);
        if (!running.has(id)) line('kubelet.go:2369', `"SyncLoop (PLEG): event for pod" pod="${ref}" event={"ID":"${o.metadata.uid}","Type":"ContainerStarted","Data":"${id}"}`);
        running.add(id);
      }
      if (id && cs.state?.terminated && !s.died.has(id)) {
        s.ids.add(id);
        s.died.add(id);
        line('kubelet.go:2369', `"SyncLoop (PLEG): event for pod" pod="${ref}" event={"ID":"${o.metadata.uid}","Type":"ContainerDied","Data":"${id}"}`);
      }
    }
    if (o.metadata.deletionTimestamp && !s.deleting && r.type !== 'DELETED') {
      s.deleting = true;
      line('kubelet.go:2353', `"SyncLoop DELETE" source="api" pods=["${ref}"]`);
    }
    if (r.type === 'DELETED') {
      if (mirrors.has(`${r.t}|${ref}`)) {
        // kubelet.go syncPod: the static pod's worker replaces its deleted mirror pod.
        // wording not verified: line numbers (a kubelet journal of late 2024 logs kubelet.go:1908 / 1913)
        line('kubelet.go:1908', `"Trying to delete pod" pod="${ref}" podUID="${o.metadata.uid}"`);
        line('kubelet.go:1913', `"Deleted mirror pod because it is outdated" pod="${ref}"`);
      }
      line('kubelet.go:2347', `"SyncLoop REMOVE" source="api" pods=["${ref}"]`);
    }
  }
  return out;
}
