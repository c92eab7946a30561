/**
 * Service validation (k8s.io/kubernetes pkg/apis/core/validation/validation.go ValidateService,
 * v1.30), in the API server's order. Cluster IP family checks are left to the allocator.
 */
import { child, duplicate, forbidden, goQuote, index, invalid, notSupported, required, type FieldError } from './field';
import { isDNS1123Label, isQualifiedName, isValidPortNum, nameIsDNS1035Label, nameIsDNSSubdomain } from './names';
import { validateLabels, validateObjectMeta } from './meta';
import { validatePortNumOrName } from './containers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map((x) => (isObj(x) ? x : {})) : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

/** `%#v` of a core.ServicePort holding only protocol and port (the duplicate-port key). */
function servicePortKey(protocol: string, port: number): string {
  return `core.ServicePort{Name:"", Protocol:${goQuote(protocol)}, AppProtocol:(*string)(nil), Port:${port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`;
}

function validateServicePort(p: Obj, requireName: boolean, names: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(p.name);
  if (requireName && !name) errs.push(required(child(path, 'name')));
  else if (name) {
    for (const m of isDNS1123Label(name)) errs.push(invalid(child(path, 'name'), { str: name }, m));
    if (names.has(name)) errs.push(duplicate(child(path, 'name'), { str: name }));
    else names.add(name);
  }
  for (const m of isValidPortNum(num(p.port))) errs.push(invalid(child(path, 'port'), { num: num(p.port) }, m));
  const proto = str(p.protocol);
  if (!proto) errs.push(required(child(path, 'protocol')));
  else if (!PROTOCOLS.includes(proto)) errs.push(notSupported(child(path, 'protocol'), { str: proto }, PROTOCOLS));
  errs.push(...validatePortNumOrName(p.targetPort, child(path, 'targetPort')));
  if (typeof p.appProtocol === 'string') for (const m of isQualifiedName(p.appProtocol)) errs.push(invalid(child(path, 'appProtocol'), { str: p.appProtocol }, m));
  return errs;
}

export function validateService(svc: Obj): FieldError[] {
  const spec = isObj(svc.spec) ? svc.spec : {};
  const errs = validateObjectMeta(isObj(svc.metadata) ? svc.metadata : {}, true, nameIsDNS1035Label);
  const type = str(spec.type);
  const headless = spec.clusterIP === 'None' || (Array.isArray(spec.clusterIPs) && spec.clusterIPs[0] === 'None');
  const ports = list(spec.ports);
  if (ports.length === 0 && !headless && type !== 'ExternalName') errs.push(required('spec.ports'));
  if ((type === 'LoadBalancer' || type === 'NodePort') && headless) {
    errs.push(invalid('spec.clusterIPs[0]', { str: 'None' }, `may not be set to 'None' for ${type} services`));
  }
  if (type === 'ExternalName') {
    const cname = str(spec.externalName).replace(/\.$/, '');
    if (cname) for (const m of nameIsDNSSubdomain(cname, false)) errs.push(invalid('spec.externalName', { str: cname }, m));
    else errs.push(required('spec.externalName'));
  }
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p, ports.length > 1, names, index('spec.ports', i))));
  if (isObj(spec.selector)) errs.push(...validateLabels(spec.selector, 'spec.selector'));
  const aff = str(spec.sessionAffinity);
  if (!aff) errs.push(required('spec.sessionAffinity'));
  else if (aff !== 'ClientIP' && aff !== 'None') errs.push(notSupported('spec.sessionAffinity', { str: aff }, ['ClientIP', 'None']));
  if (aff === 'ClientIP') {
    const t = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
    if (typeof t === 'number' && (t <= 0 || t > 86400)) errs.push(invalid('spec.sessionAffinityConfig.clientIP.timeoutSeconds', { num: t }, 'must be greater than 0 and less than 86400'));
  } else if (aff === 'None' && isObj(spec.sessionAffinityConfig)) {
    errs.push(forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None'));
  }
  if (!type) errs.push(required('spec.type'));
  else if (!['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'].includes(type)) errs.push(notSupported('spec.type', { str: type }, ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']));
  if (type === 'ClusterIP') ports.forEach((p, i) => num(p.nodePort) !== 0 && errs.push(forbidden(child(index('spec.ports', i), 'nodePort'), "may not be used when `type` is 'ClusterIP'")));
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (!num(p.nodePort)) return;
    const k = `${str(p.protocol)}/${num(p.nodePort)}`;
    if (nodePorts.has(k)) errs.push(duplicate(child(index('spec.ports', i), 'nodePort'), { num: num(p.nodePort) }));
    nodePorts.add(k);
  });
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    const k = `${str(p.protocol)}/${num(p.port)}`;
    if (seen.has(k)) errs.push(duplicate(index('spec.ports', i), { raw: servicePortKey(str(p.protocol), num(p.port)) }));
    seen.add(k);
  });
  if (spec.allocateLoadBalancerNodePorts !== undefined && type !== 'LoadBalancer') errs.push(forbidden('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"));
  const external = type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && list(spec.externalIPs).length > 0);
  const etp = str(spec.externalTrafficPolicy);
  if (!external) {
    if (etp) errs.push(invalid('spec.externalTrafficPolicy', { str: etp }, 'may only be set for externally-accessible services'));
  } else if (!etp) errs.push(required('spec.externalTrafficPolicy'));
  else if (etp !== 'Cluster' && etp !== 'Local') errs.push(notSupported('spec.externalTrafficPolicy', { str: etp }, ['Cluster', 'Local']));
  const itp = spec.internalTrafficPolicy;
  if ((itp === undefined || itp === null) && (type === 'NodePort' || type === 'LoadBalancer' || type === 'ClusterIP')) errs.push(required('spec.internalTrafficPolicy'));
  if (typeof itp === 'string' && itp !== 'Cluster' && itp !== 'Local') errs.push(notSupported('spec.internalTrafficPolicy', { str: itp }, ['Cluster', 'Local']));
  return errs;
}
