import { writeMarkdown } from '../../bench/write-doc.js';
import type { Shot } from './screenshot-pages.js';

export interface Size {
  readonly name: 'desktop' | 'phone';
  readonly label: string;
  readonly width: number;
  readonly height: number;
}

export const SIZES: readonly Size[] = [
  { name: 'desktop', label: 'Desktop, 1440×900', width: 1440, height: 900 },
  { name: 'phone', label: 'Phone, 360×780', width: 360, height: 780 },
];

export type Theme = 'light' | 'dark';
export const THEMES: readonly Theme[] = ['light', 'dark'];

/** The file of one shot at one size in one theme, under docs/screenshots/. */
export const shotFile = (shot: Shot, size: Size, theme: Theme) => `${shot.name}-${size.name}-${theme}.png`;

/** docs/screenshots.md: every shot, grouped by page, each at both sizes in both themes. */
export async function writeGallery(path: string, shots: readonly Shot[]): Promise<void> {
  const pages = [...new Set(shots.map((s) => s.page))];
  const lines = [
    '# Screenshots',
    '',
    'Every page of the web UI and its main states, on the demo data (`pfm demo`, its first user), at 1440×900 and',
    'on a 360×780 phone, in the light and the dark theme. Made by `npm run screenshots`',
    '(`tools/screenshots/take-screenshots.ts`), which replaces them all.',
    '',
    ...pages.map((p) => `- [${p}](#${p.toLowerCase().replace(/[^a-z0-9]+/g, '-')})`),
    '',
  ];
  for (const page of pages) {
    lines.push(`## ${page}`, '');
    for (const shot of shots.filter((s) => s.page === page)) {
      lines.push(`### ${shot.caption}`, '');
      for (const theme of THEMES) {
        const [desktop, phone] = SIZES.map(
          (size) =>
            `<a href="screenshots/${shotFile(shot, size, theme)}"><img src="screenshots/${shotFile(shot, size, theme)}" ` +
            `alt="${shot.caption}, ${size.label.toLowerCase()}, ${theme}" height="390"></a>`,
        );
        lines.push(`${desktop} ${phone}`, '');
      }
    }
  }
  await writeMarkdown(path, lines.join('\n'));
}
