import { describe, expect, it } from 'vitest';
import { renderExplain, wrapString } from './explain';
import { OPENAPI_V1 } from './testing/openapi';

describe('go-wordwrap WrapString (v1.0.1)', () => {
  it('wraps at spaces, keeps existing newlines, lets long words overflow', () => {
    expect(wrapString('aaa bbb ccc', 7)).toBe('aaa bbb\nccc');
    expect(wrapString('aaa bbb\nccc ddd', 7)).toBe('aaa bbb\nccc ddd');
    expect(wrapString('a https://kubernetes.io/docs/concepts/containers/images b', 10)).toBe('a\nhttps://kubernetes.io/docs/concepts/containers/images\nb');
    expect(wrapString('', 10)).toBe('');
    expect(wrapString('trailing  ', 20)).toBe('trailing  ');
  });
});

describe('plaintext template', () => {
  it('accepts a map of group-version documents and finds kinds by x-kubernetes-group-version-kind', () => {
    const r = renderExplain({ 'api/v1': OPENAPI_V1 }, { group: '', version: 'v1', kind: 'Pod' }, ['spec', 'containers', 'name'], false);
    expect(r.error).toBeUndefined();
    expect(r.stdout.startsWith('KIND:       Pod\nVERSION:    v1\n\nFIELD: name <string>\n\n\nDESCRIPTION:\n')).toBe(true);
  });

  it('prints GROUP for grouped kinds and says when the schema is missing', () => {
    const r = renderExplain(OPENAPI_V1, { group: 'apps', version: 'v1', kind: 'Deployment' }, [], false);
    expect(r).toEqual({ stdout: 'GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\n', error: 'error: GVK apps/v1, Kind=Deployment not found in OpenAPI schema' });
  });
});
