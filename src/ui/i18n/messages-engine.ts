/** Notices about DuckDB itself dying and coming back, English and Chinese (merged into the catalogs by messages.ts). */
export const engineEn = {
  'notice.engineDied': 'DuckDB stopped ({reason}). Restarting it and loading your tables again from their files; nothing you typed is lost.',
  'notice.engineRecovered': 'DuckDB restarted: {tables} tables loaded again from their files; the notebook runs again. Changes made only in SQL (UPDATE, CREATE TABLE) are not restored.',
  'notice.engineTableLost': 'Table {table} could not be loaded again from {file}: {message}. Load the file again.',
  'notice.engineLost': 'DuckDB could not be restarted: {message}. Reload the page (your notebook is saved).',
} as const;

export const engineZh: Record<keyof typeof engineEn, string> = {
  'notice.engineDied': 'DuckDB 已停止（{reason}）。正在重新启动，并从原文件重新加载各表；您输入的内容不会丢失。',
  'notice.engineRecovered': 'DuckDB 已重新启动：已从原文件重新加载 {tables} 张表，笔记本正在重新运行。仅在 SQL 中做的修改（UPDATE、CREATE TABLE）不会恢复。',
  'notice.engineTableLost': '无法从 {file} 重新加载表 {table}：{message}。请重新加载该文件。',
  'notice.engineLost': 'DuckDB 无法重新启动：{message}。请刷新页面（笔记本已保存）。',
};
