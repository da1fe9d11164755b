/** Lock-free bounded queues with power-of-two capacity and batch drain (JCTools array queues). */
package io.nexus.engine.queue;
