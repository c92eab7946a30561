// What the book changes on purpose when it reproduces the notes, so the content check can compare
// the built site with the notes text. Everything else must appear in the notes' own words.

/** Emoji shortcodes the notes use (GitHub renders them as emoji; so does the book). */
export const EMOJI = { ':deciduous_tree:': '🌳', ':taco:': '🌮' };

/**
 * Obvious typos fixed in the book's prose (never inside code blocks or manifests). Each entry:
 * the notes' text, the book's text. Technical errors are not here: they stay, with a 校注.
 */
export const TYPO_FIXES = [
  ['Dpcker', 'Docker'], // 1.1
  ['mastre节点', 'master节点'], // 1.2
  ['服务断点', '服务端点'], // 1.3
  ['ages：覆盖cmd', 'args：覆盖cmd'], // 1.10
  ['xxx –o yaml', 'xxx -o yaml'], // 1.11 (en dash for the option's hyphen)
  ['Aways 是生产环境', 'Always 是生产环境'], // 1.13
  ['程序tunning', '程序running'], // 1.15
  ['readinessProbe 和  readinessProbe', 'readinessProbe 和 livenessProbe'], // 1.17
  ['perStop：', 'preStop：'], // 1.18
  ['Kuberctl', 'Kubectl'], // 1.18
  ['如果没有Perstop', '如果没有preStop'], // 1.19
  ['tcptocked', 'tcpSocket'], // 1.19
  ['livenessreobe和livenessProbe', 'readinessProbe和livenessProbe'], // 1.20
];

/**
 * The three sections the notes misnumber (a second 1.10, 1.11, 1.12) become 1.18–1.20. The old
 * heading text is what the notes' table of contents links to.
 */
export const RENUMBERED_HEADINGS = {
  '1.10  postStart': '1.18 postStart',
  '1.11 preStop': '1.19 preStop',
  '1.12 gRPC 探测': '1.20 gRPC 探测',
};

/** Apply the emoji and typo fixes to a piece of the notes' prose. */
export function correctProse(text) {
  let out = text;
  for (const [code, emoji] of Object.entries(EMOJI)) out = out.split(code).join(emoji);
  for (const [from, to] of TYPO_FIXES) out = out.split(from).join(to);
  return out;
}
