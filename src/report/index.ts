/** The model report for reviewers: data gathered without the DOM, one self-contained HTML file built from it. */
export * from './escape';
export * from './svg';
export * from './report-text';
export * from './report-data';
export * from './model-report';
