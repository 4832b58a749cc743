// Types of mermaid's pre-bundled ESM build: the same API as the package's main entry.
declare module 'mermaid/dist/mermaid.esm.min.mjs' {
  export { default } from 'mermaid';
}
