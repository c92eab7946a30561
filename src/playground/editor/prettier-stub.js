// Stands in for prettier inside monaco-yaml's worker: formatting is disabled in the playground,
// so the text is returned unchanged. Also serves `prettier/plugins/*` (empty plugin objects).
export async function format(text) {
  return text;
}
export default {};
