import { buildWidget } from './lib/build-widget.ts'

await buildWidget()
console.log('Built public/widget.js and public/widget/')
