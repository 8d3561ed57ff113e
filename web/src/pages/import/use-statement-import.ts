import { useTranslation } from 'react-i18next';
import { useRef, useState } from 'react';
import { useApi } from '../../api/api-context';
import type { ImportAnswer, ImportChoices, ImportPreview } from '../../api/answers';
import { useApiMutation } from '../../api/use-api-mutation';
import { useApp } from '../../context';
import { numberText } from '../../format';
import { MAX_FILE_BYTES, readStatementFile, type StatementFile } from './statement-file';

export interface StatementImport {
  file: StatementFile | null;
  choices: ImportChoices;
  preview: ImportPreview | null;
  problem: Error | null;
  skipBad: boolean;
  setSkipBad: (skip: boolean) => void;
  /** Categories chosen in the preview, by line number (a category id each); the import uses them. */
  lineCategories: Readonly<Record<number, string>>;
  setLineCategory: (line: number, categoryId: string | null) => void;
  /** The account the rows go to (an id); '' for the user's first account. */
  account: string;
  setAccount: (id: string) => void;
  busy: boolean;
  choose: (selected: File | undefined) => Promise<void>;
  /** Changes part of the layout and previews again. */
  change: (update: ImportChoices) => void;
  /** Previews the file again (the rules changed). */
  reload: () => void;
  commit: () => void;
}

/**
 * A statement file from choosing it to importing it: every choice previews it again. A preview is a POST
 * that depends on the whole file, so it is kept here rather than in the query cache.
 */
export function useStatementImport(): StatementImport {
  const { t } = useTranslation();
  const api = useApi();
  const { locale } = useApp();
  const [file, setFile] = useState<StatementFile | null>(null);
  const [choices, setChoices] = useState<ImportChoices>({});
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [problem, setProblem] = useState<Error | null>(null);
  const [skipBad, setSkipBad] = useState(false);
  const [account, setAccount] = useState('');
  const [lineCategories, setLineCategories] = useState<Readonly<Record<number, string>>>({});
  const chosen = (categories: Readonly<Record<number, string>>) =>
    Object.entries(categories).map(([line, categoryId]) => ({ line: Number(line), categoryId }));
  const [loading, setLoading] = useState(false);
  // Only the latest preview's answer counts: choices can change faster than the server answers.
  const seq = useRef(0);

  async function load(
    next: StatementFile,
    nextChoices: ImportChoices,
    categories: Readonly<Record<number, string>> = {},
  ) {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const res = await api.post<{ preview: ImportPreview }>('/api/import/preview', {
        ...next,
        options: nextChoices,
        categories: chosen(categories),
      });
      if (mine !== seq.current) return;
      setPreview(res.preview);
      setProblem(null);
    } catch (e) {
      if (mine !== seq.current) return;
      setPreview(null);
      setProblem(e instanceof Error ? e : new Error(String(e)));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }

  const importFile = useApiMutation({
    mutationFn: (
      client,
      body: StatementFile & {
        options: ImportChoices;
        skipBad: boolean;
        account?: string;
        categories: { line: number; categoryId: string }[];
      },
    ) => client.post<ImportAnswer>('/api/import', body),
    success: ({ import: { added, duplicates } }) =>
      t('import.imported', {
        count: added,
        shown: numberText(added, locale),
        duplicates: numberText(duplicates, locale),
      }),
    onSuccess: (_, body) => {
      setLineCategories({});
      void load(body, body.options);
    },
    onError: (e) => setProblem(e instanceof Error ? e : new Error(String(e))),
  });

  async function choose(selected: File | undefined) {
    if (!selected) return;
    if (selected.size > MAX_FILE_BYTES) {
      setFile(null);
      setPreview(null);
      setProblem(new Error(t('import.tooLarge', { file: selected.name })));
      return;
    }
    const next = await readStatementFile(selected);
    setFile(next);
    setChoices({});
    setSkipBad(false);
    setLineCategories({});
    await load(next, {});
  }

  function change(update: ImportChoices) {
    const next = { ...choices, ...update, columns: { ...choices.columns, ...update.columns } };
    setChoices(next);
    // Another layout may read other lines: choices made for the old reading no longer apply.
    setLineCategories({});
    if (file) void load(file, next);
  }

  return {
    file,
    choices,
    preview,
    problem,
    skipBad,
    setSkipBad,
    lineCategories,
    setLineCategory: (line, categoryId) =>
      setLineCategories((current) => {
        const { [line]: _old, ...rest } = current;
        return categoryId ? { ...rest, [line]: categoryId } : rest;
      }),
    account,
    setAccount,
    busy: loading || importFile.busy,
    choose,
    change,
    reload: () => file && void load(file, choices, lineCategories),
    commit: () =>
      file &&
      importFile.run({
        ...file,
        options: choices,
        skipBad,
        categories: chosen(lineCategories),
        ...(account ? { account } : {}),
      }),
  };
}
