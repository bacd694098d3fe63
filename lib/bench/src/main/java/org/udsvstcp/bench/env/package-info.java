/** The machine a run measured (environment header) and CPU placement (pinning, current CPU). */
package org.udsvstcp.bench.env;
