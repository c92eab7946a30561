/** The benchmark's scenarios (engine.ts measures them, identity.ts digests their output). */
import { readFileSync } from 'node:fs';

/** A manifest of the notes (content/manifests/). */
export const manifest = (name: string) => readFileSync(new URL(`../../content/manifests/${name}`, import.meta.url), 'utf8');

export function probedPods(n: number): string {
  const docs: string[] = [];
  for (let i = 0; i < n; i++) {
    docs.push(`apiVersion: v1
kind: Pod
metadata:
  name: web-${i}
  labels:
    app: web
spec:
  containers:
  - name: nginx
    image: nginx:1.23
    ports:
    - containerPort: 80
    startupProbe:
      tcpSocket:
        port: 80
      periodSeconds: 1
      failureThreshold: 30
    readinessProbe:
      httpGet:
        path: /
        port: 80
      periodSeconds: 1
    livenessProbe:
      httpGet:
        path: /
        port: 80
      periodSeconds: 1
`);
  }
  return docs.join('---\n');
}

export function deployment(replicas: number, probe: boolean): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.23
        ports:
        - containerPort: 80
${probe ? '        readinessProbe:\n          httpGet:\n            path: /\n            port: 80\n          periodSeconds: 1\n' : ''}`;
}

export function podsFile(n: number): string {
  return Array.from({ length: n }, (_, i) => `apiVersion: v1
kind: Pod
metadata:
  name: p-${i}
spec:
  containers:
  - name: c
    image: busybox:1.28
    command: ["sleep", "3600"]
`).join('---\n');
}

/** 10 replicas behind a Service, 20 requests a second, and `kubectl set image` at 30 s. */
export const ROLLING_UPDATE = `${deployment(10, true)}---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
---
apiVersion: playground/v1
kind: Scenario
metadata:
  name: rolling-update
spec:
  duration: 300s
  steps:
  - at: 30s
    run: kubectl set image deployment/web nginx=nginx:1.23.2-alpine
  traffic:
  - url: http://web.default.svc.cluster.local/
    rps: 20
`;
