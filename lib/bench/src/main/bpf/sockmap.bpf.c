// SPDX-License-Identifier: GPL-2.0
/*
 * The tcp-sockmap transport's two BPF programs: TCP without the stack between its two ends.
 *
 * udsvstcp_ops (sock_ops, attached to the run's cgroup) puts every TCP socket of the cgroup into
 * udsvstcp_socks, a sockhash keyed by the socket's own 4-tuple, once the connection is established
 * (the connecting end's ACTIVE and the accepting end's PASSIVE callback).
 *
 * udsvstcp_msg (sk_msg, attached to udsvstcp_socks as its msg_verdict program) runs on every
 * sendmsg of a socket in the map. It looks up the peer socket by the reversed 4-tuple and
 * redirects the message into the peer's receive queue (BPF_F_INGRESS): the bytes skip TCP
 * segmentation, IP, the loopback device and the softirq receive path. A message whose peer is not
 * in the map passes through TCP as usual.
 *
 * udsvstcp_count counts what happened, so each trial can prove the redirect: the library reads it
 * with `bpftool map dump` before and after a trial.
 *
 * Names are at most 15 characters (the kernel keeps 16 bytes with the NUL), all starting with
 * udsvstcp_, which is how tools/check-leftovers.py recognises them. No global variables, so
 * libbpf makes no .bss or .rodata map.
 */
#include <linux/bpf.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>

#define AF_INET 2
#define AF_INET6 10

/* One end of a connection as the kernel sees it: addresses in network order, ports in host order. */
struct endpoints {
	__u32 local_ip4;
	__u32 remote_ip4;
	__u32 local_port;
	__u32 remote_port;
};

struct counts {
	__u64 sockets;      /* sockets put into the sockhash */
	__u64 redirected;   /* sendmsg calls redirected to the peer */
	__u64 bytes;        /* bytes of those messages */
	__u64 passed;       /* sendmsg calls whose peer was not in the map: sent through TCP */
};

struct {
	__uint(type, BPF_MAP_TYPE_SOCKHASH);
	__uint(max_entries, 65536);
	__type(key, struct endpoints);
	__type(value, __u64);
} udsvstcp_socks SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct counts);
} udsvstcp_count SEC(".maps");

static __always_inline struct counts *counts(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&udsvstcp_count, &zero);
}

SEC("sockops")
int udsvstcp_ops(struct bpf_sock_ops *skops)
{
	struct endpoints key = {};
	struct counts *c;

	if (skops->op != BPF_SOCK_OPS_ACTIVE_ESTABLISHED_CB &&
	    skops->op != BPF_SOCK_OPS_PASSIVE_ESTABLISHED_CB)
		return 1;
	/* Java's sockets are AF_INET6 with IPv4-mapped addresses unless told otherwise; the IPv4
	 * fields hold the addresses either way, and are 0 for a real IPv6 connection. */
	if ((skops->family != AF_INET && skops->family != AF_INET6) || skops->local_ip4 == 0)
		return 1;
	key.local_ip4 = skops->local_ip4;
	key.remote_ip4 = skops->remote_ip4;
	key.local_port = skops->local_port;
	key.remote_port = bpf_ntohl(skops->remote_port);
	if (bpf_sock_hash_update(skops, &udsvstcp_socks, &key, BPF_NOEXIST) == 0) {
		c = counts();
		if (c)
			__sync_fetch_and_add(&c->sockets, 1);
	}
	return 1;
}

SEC("sk_msg")
int udsvstcp_msg(struct sk_msg_md *msg)
{
	struct endpoints peer = {};
	struct counts *c;
	__u32 size = msg->size;

	peer.local_ip4 = msg->remote_ip4;
	peer.remote_ip4 = msg->local_ip4;
	peer.local_port = bpf_ntohl(msg->remote_port);
	peer.remote_port = msg->local_port;
	c = counts();
	if (bpf_msg_redirect_hash(msg, &udsvstcp_socks, &peer, BPF_F_INGRESS) == SK_PASS) {
		if (c) {
			__sync_fetch_and_add(&c->redirected, 1);
			__sync_fetch_and_add(&c->bytes, size);
		}
	} else if (c) {
		__sync_fetch_and_add(&c->passed, 1);
	}
	/* SK_PASS either way: with the peer found it means "redirect", without it "send through TCP". */
	return SK_PASS;
}

char _license[] SEC("license") = "GPL";
