/**
 * The cluster's root CA certificate (/etc/kubernetes/pki/ca.pem of the notes' binary install:
 * cfssl's ca-csr.json with CN kubernetes, O Kubernetes, OU Kubernetes-manual, 876000h), as the
 * root-ca-cert-publisher puts it into every namespace's `kube-root-ca.crt` ConfigMap. A fixed
 * certificate made for the simulated cluster (RSA 2048, valid from 2022-12-07 02:00 UTC), so that
 * runs are deterministic; its key exists nowhere.
 */
export const CLUSTER_CA_CRT = '-----BEGIN CERTIFICATE-----\nMIIDwDCCAqigAwIBAgIUOgPEeE4npDXG+DO4k9i1d5QuzjgwDQYJKoZIhvcNAQEL\nBQAwdzELMAkGA1UEBhMCQ04xEDAOBgNVBAgMB0JlaWppbmcxEDAOBgNVBAcMB0Jl\naWppbmcxEzARBgNVBAoMCkt1YmVybmV0ZXMxGjAYBgNVBAsMEUt1YmVybmV0ZXMt\nbWFudWFsMRMwEQYDVQQDDAprdWJlcm5ldGVzMCAXDTIyMTIwNzAyMDAwMFoYDzIx\nMjIxMTEzMDIwMDAwWjB3MQswCQYDVQQGEwJDTjEQMA4GA1UECAwHQmVpamluZzEQ\nMA4GA1UEBwwHQmVpamluZzETMBEGA1UECgwKS3ViZXJuZXRlczEaMBgGA1UECwwR\nS3ViZXJuZXRlcy1tYW51YWwxEzARBgNVBAMMCmt1YmVybmV0ZXMwggEiMA0GCSqG\nSIb3DQEBAQUAA4IBDwAwggEKAoIBAQCibBTtSbkEITpD8C3VCNThS/EVPGJKn8Ru\nNMD+QsusTMj/eG1DpFXl0CEna24s1bRi83PZGWaRiILBTdaVaN2OdC5PTwggohMv\nwbKdfffsm3XUaoYidZ/hzPT+tC9hCzr4ebXehZZgK2PWLwtX/9EBnKSI2umXKeKU\n+L6vhZnRzw3JYkrEoWsp2YGMEdRkBVukRVk/PIaU1z37crHb1X6n0MKwFkod/MwP\n6uGwBns40hbmVpwx77wPjVmST4KiYMsT+Q1a7ARlQkXvns8TKgHzEIC0IUodzK68\neFYFCz6fjEOE0D85TaE9Z401YdQpQ200/dx9WuCGhO2lYHmUd7f3AgMBAAGjQjBA\nMA4GA1UdDwEB/wQEAwIBBjAPBgNVHRMBAf8EBTADAQH/MB0GA1UdDgQWBBRZZ1Ka\nwUKMePaY80BFaX0NskAuTTANBgkqhkiG9w0BAQsFAAOCAQEAcXNjZwRs3lzlKefq\nkTNY1Vp97WCtDu/MumscnZaXQ3uD3++pCq8UlwI2z3RgMwYatLitjQaFBgcxoVRy\nAianbhM31WuQDB+lldFfi0ak1hBixaivcOLiOgdkZVH26Z54icTyx7R4ODDLVqUE\nqp/F9RYpXLnlReVAyt3PYR6fecQnzdQOv1eOI1k7uNwmCSJ6fj8ktcwTm8nCFfQ0\nr8g1r/UWHXTlYrfCOLq2yk2AYvLnDzacxXvdZNQBVQty491tv+Em3RInJ417hJJx\nssrpGasKu5+tAsJhw73/vJ7UGd4joqqRi0RbMRPx1rt92JrEBDNHZmcfgG2KM2mD\nVjBNaw==\n-----END CERTIFICATE-----\n';

/** rootcacertpublisher: the ConfigMap's name and its description annotation (publisher.go). */
export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
export const ROOT_CA_DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. ' +
  'No other usage is guaranteed across distributions of Kubernetes clusters.';

/** The ConfigMap the publisher creates in a namespace (no uid / creationTimestamp: the API server sets them). */
export function rootCaConfigMap(namespace: string): { apiVersion: string; kind: string; metadata: { name: string; namespace: string; annotations: Record<string, string> }; data: Record<string, string> } {
  return {
    apiVersion: 'v1', kind: 'ConfigMap',
    metadata: { name: ROOT_CA_CONFIGMAP, namespace, annotations: { 'kubernetes.io/description': ROOT_CA_DESCRIPTION } },
    data: { 'ca.crt': CLUSTER_CA_CRT },
  };
}
