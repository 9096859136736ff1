import {afterAll} from 'vitest';
import {removeTempFolders} from './temp-folder.js';

// Every test file leaves the temporary folders it made behind it removed.
afterAll(removeTempFolders);
