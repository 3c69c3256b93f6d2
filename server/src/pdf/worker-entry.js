// Worker threads start without the main thread's TypeScript loader: register tsx here, then load
// the real worker (the same approach as bin/labline.js).
import { register } from 'tsx/esm/api';

register();
const { default: renderInWorker } = await import('./worker.ts');
export default renderInWorker;
