// esbuild inlines CSS files as text (scripts/lib/build-widget.ts).
declare module '*.css' {
  const text: string
  export default text
}
