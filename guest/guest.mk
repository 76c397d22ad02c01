# The shipped guest kernel: guest.img (owned by guest/).
$(BUILD)/guest.img:
	@echo "guest.img: not built yet" >&2; exit 1
