/**
 * A large notebook file for the storage tests: `cells` cells cycling Markdown, SQL and TypeScript,
 * each padded with mixed Chinese and ASCII text to about `cellBytes` UTF-8 bytes. Every code cell
 * runs in milliseconds and gives a fixed result (its index), so a notebook saved after a run and
 * reloaded (which runs it again) has the same digests and downloads to the same bytes.
 */
export interface BigNotebook {
  readonly text: string;
  /** per cell, in order: its id, kind and source as written */
  readonly cells: readonly { readonly id: string; readonly kind: 'markdown' | 'sql' | 'ts'; readonly source: string }[];
}

export function bigNotebook(cells: number, cellBytes: number): BigNotebook {
  const padLine = (i: number, n: number) => `第${i}单元 第${n}行：对公客户贷款余额、授信额度与还款表现 line ${n} of cell ${i}`;
  const padding = (i: number, prefix: string) => {
    const lines: string[] = [];
    let bytes = 0;
    for (let n = 0; bytes < cellBytes; n++) {
      const line = prefix + padLine(i, n);
      lines.push(line);
      bytes += new TextEncoder().encode(line).length + 1;
    }
    return lines.join('\n');
  };
  const out: { id: string; kind: 'markdown' | 'sql' | 'ts'; source: string }[] = [];
  const parts = [`---\ntierbook: 1\ntitle: 大型笔记本 ${cells} cells\n---\n`];
  for (let i = 0; i < cells; i++) {
    const kind = (['markdown', 'sql', 'ts'] as const)[i % 3]!;
    if (kind === 'markdown') {
      const source = `## 第 ${i} 节 Section ${i}\n\n${padding(i, '')}`;
      out.push({ id: `md-${i}`, kind, source });
      parts.push(`\n<!-- cell md-${i} -->\n${source}\n`);
    } else if (kind === 'sql') {
      const source = `${padding(i, '-- ')}\nSELECT ${i} AS v_${i}`;
      out.push({ id: `q-${i}`, kind, source });
      parts.push(`\n\`\`\`sql cell=q-${i} name=q_${i} collapsed\n${source}\n\`\`\`\n`);
    } else {
      const source = `${padding(i, '// ')}\nreturn ${i};`;
      out.push({ id: `t-${i}`, kind, source });
      parts.push(`\n\`\`\`ts cell=t-${i} name=t_${i} collapsed\n${source}\n\`\`\`\n`);
    }
  }
  return { text: parts.join(''), cells: out };
}
