/**
 * describe configmap / secret. The expected texts are what the real kubectl v1.30 printed for
 * these objects served by the kubectl-oracle's fake API server (its data keys come out in Go map
 * order, which varies; this is the sorted one of its orders).
 */
import { describe, expect, it } from 'vitest';
import { runCommands } from '../../index';

const OBJECTS = `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
  labels: {app: web}
  annotations: {note: hello}
data:
  game.properties: |
    lives=3
    enemies=aliens
  ui.properties: color=blue
  b-empty: ""
  a.txt: "x"
binaryData:
  bin: AAEC
---
apiVersion: v1
kind: Secret
metadata:
  name: creds
type: Opaque
stringData:
  password: s3cret
  username: admin
  zz: ""
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: empty
`;

describe('describe configmap and secret', () => {
  const [cm, empty, secret, get] = runCommands(OBJECTS, [
    { atMs: 10_000, line: 'kubectl describe cm app-config' },
    { atMs: 10_000, line: 'kubectl describe configmap empty' },
    { atMs: 10_000, line: 'kubectl describe secret creds' },
    { atMs: 10_000, line: 'kubectl get cm,secret' },
  ]);
  it('prints each key, its value, and the binary data sizes', () => {
    expect(cm.stdout).toBe(`Name:         app-config
Namespace:    default
Labels:       app=web
Annotations:  note: hello

Data
====
a.txt:
----
x
b-empty:
----

game.properties:
----
lives=3
enemies=aliens

ui.properties:
----
color=blue

BinaryData
====
bin: 3 bytes

Events:  <none>
`);
    expect(empty.stdout).toBe(`Name:         empty
Namespace:    default
Labels:       <none>
Annotations:  <none>

Data
====

BinaryData
====

Events:  <none>
`);
  });
  it('a Secret shows sizes, never values', () => {
    expect(secret.stdout).toBe(`Name:         creds
Namespace:    default
Labels:       <none>
Annotations:  <none>

Type:  Opaque

Data
====
password:  6 bytes
username:  5 bytes
zz:        0 bytes
`);
  });
  it('get lists them with their printers', () => {
    expect(get.stdout).toMatch(/^NAME {25}DATA {3}AGE\nconfigmap\/app-config {9}5 {6}10s\nconfigmap\/empty {14}0 {6}10s\nconfigmap\/kube-root-ca.crt {3}1 {6}33h\n/);
    expect(get.stdout).toMatch(/\nNAME {11}TYPE {5}DATA {3}AGE\nsecret\/creds {3}Opaque {3}3 {6}10s\n$/);
  });
});
