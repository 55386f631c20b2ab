# netecho: 10 MiB byte-identical (sha256 in dom0) in merged (GSO) frames
# as netback counts them, 50 concurrent clients;
# the server logged its first connections and counted all 51 at xl
# shutdown.
expect_state poweroff
expect_exit_code 0
expect_dom0_rc 0
expect_dom0_log '^10 MiB: sha256 identical$'
expect_dom0_log '^guest frames: merged \(GSO\)$'
expect_dom0_log '^tcpecho: 1 client\(s\) x 10485760 bytes echoed identically'
expect_dom0_log '^tcpecho: 50 client\(s\) x 262144 bytes echoed identically'
expect_dom0_log '^50 clients: all identical$'
expect_console '^echo: listening on 7$'
expect_console '^echo: connection 1 from 169\.254\.0\.1:'
expect_console '^echo: connection 1 closed, 10485760 bytes echoed$'
expect_console '^echo: 51 connections, 51 closed, 23592960 bytes echoed$'
