/** The server-side printers by kind. */
import { endpointSlicePrinter, endpointsPrinter } from './endpoints';
import { eventPrinter } from './event';
import { componentStatusPrinter, configMapPrinter, defaultPrinter, leasePrinter, namespacePrinter, secretPrinter, serviceAccountPrinter } from './misc';
import { nodePrinter } from './node';
import { podPrinter } from './pod';
import { servicePrinter } from './service';
import type { KindPrinter } from './table';
import { daemonSetPrinter, deploymentPrinter, replicaSetPrinter, statefulSetPrinter } from './workloads';
import { cronJobPrinter, jobPrinter } from './batch';

const PRINTERS: Record<string, KindPrinter> = {
  Pod: podPrinter,
  Service: servicePrinter,
  Endpoints: endpointsPrinter,
  EndpointSlice: endpointSlicePrinter,
  Deployment: deploymentPrinter,
  ReplicaSet: replicaSetPrinter,
  Job: jobPrinter,
  DaemonSet: daemonSetPrinter,
  StatefulSet: statefulSetPrinter,
  CronJob: cronJobPrinter,
  Node: nodePrinter,
  Namespace: namespacePrinter,
  Event: eventPrinter,
  Lease: leasePrinter,
  ConfigMap: configMapPrinter,
  Secret: secretPrinter,
  ServiceAccount: serviceAccountPrinter,
  ComponentStatus: componentStatusPrinter,
};

export function printerFor(kind: string): KindPrinter {
  return PRINTERS[kind] ?? defaultPrinter;
}
