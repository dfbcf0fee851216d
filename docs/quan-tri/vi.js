// Vietnamese words that Decap CMS's own "vi" locale lacks (it shows English for them) or says
// awkwardly. Loaded after decap-cms.js, which index.html asks not to start on its own, so the
// editor starts here with the whole Vietnamese interface.
(function () {
  var words = {
    auth: {
      loginWithAzure: 'Đăng nhập bằng Azure',
      loginWithForgejo: 'Đăng nhập bằng Forgejo',
    },
    collection: {
      collectionTop: {
        // Decap's own word here is an icon from a font it does not ship: an empty box.
        newButton: 'Tạo %{collectionLabel} mới',
        viewAsList: 'Xem dạng danh sách',
        viewAsGrid: 'Xem dạng lưới',
        groupBy: 'Nhóm theo',
      },
      entries: { unpublishedHeader: 'Mục chưa công bố' },
      groups: { other: 'Khác', negateLabel: 'Không %{label}' },
    },
    editor: {
      editorControl: { field: { widgetLabel: 'Ô %{widgetLabel}' } },
      editorControlPane: {
        i18n: {
          writingInLocale: 'Đang viết bằng %{locale}',
          copyFromLocale: 'Điền từ ngôn ngữ khác',
          copyFromLocaleConfirm: 'Điền dữ liệu từ %{locale}?\nMọi nội dung đang có sẽ bị thay thế.',
        },
      },
      editorInterface: {
        toggleI18n: 'Bật/tắt đa ngôn ngữ',
        togglePreview: 'Bật/tắt xem trước',
        toggleScrollSync: 'Cuộn đồng thời',
        toggleNotes: 'Bật/tắt ghi chú',
      },
      editorNotesPane: {
        title: 'Ghi chú',
        emptyState: 'Chưa có ghi chú. Thêm ghi chú đầu tiên ở dưới.',
        addNote: 'Thêm ghi chú',
        addPlaceholder: 'Viết ghi chú...',
        editPlaceholder: 'Sửa ghi chú...',
        save: 'Lưu',
        cancel: 'Hủy',
        edit: 'Sửa',
        delete: 'Xóa',
        resolve: 'Đã xử lý',
        unresolve: 'Mở lại',
        confirmDelete: 'Xóa ghi chú này?',
        shortcut: 'Mẹo: bấm Ctrl+Enter để thêm ghi chú nhanh',
      },
      editorToolbar: {
        status: 'Trạng thái: %{status}',
        statusInfoTooltipDraft:
          'Mục đang là bản nháp. Khi viết xong, đổi trạng thái thành “Đang xét duyệt” để người duyệt xem.',
        statusInfoTooltipInReview:
          'Mục đang được xét duyệt; không cần làm gì thêm. Vẫn có thể sửa trong lúc chờ duyệt.',
      },
      editorWidgets: {
        markdown: {
          bold: 'Đậm',
          italic: 'Nghiêng',
          strikethrough: 'Gạch ngang',
          code: 'Mã',
          link: 'Liên kết',
          linkPrompt: 'Nhập địa chỉ của liên kết',
          headings: 'Tiêu đề',
          quote: 'Trích dẫn',
          bulletedList: 'Danh sách chấm',
          numberedList: 'Danh sách số',
          addComponent: 'Thêm thành phần',
          toggleMode: { rich: 'Chuyển sang soạn thảo trực quan', markdown: 'Chuyển sang Markdown' },
        },
        image: {
          chooseMultiple: 'Chọn ảnh',
          chooseUrl: 'Chèn từ địa chỉ web',
          replaceUrl: 'Thay bằng địa chỉ web',
          promptUrl: 'Nhập địa chỉ của ảnh',
          addMore: 'Thêm ảnh',
          removeAll: 'Bỏ mọi ảnh',
        },
        file: {
          chooseUrl: 'Chèn từ địa chỉ web',
          chooseMultiple: 'Chọn tệp',
          replaceUrl: 'Thay bằng địa chỉ web',
          promptUrl: 'Nhập địa chỉ của tệp',
          addMore: 'Thêm tệp',
          removeAll: 'Bỏ mọi tệp',
        },
        datetime: { setToNow: 'Đặt %{fieldLabel} là hôm nay' },
        list: { add: 'Thêm %{item}', addType: 'Thêm %{item}' },
        object: { expand: 'Mở rộng', collapse: 'Thu gọn' },
      },
    },
    mediaLibrary: {
      mediaLibraryCard: {
        copy: 'Sao chép',
        copyUrl: 'Sao chép địa chỉ',
        copyPath: 'Sao chép đường dẫn',
        copyName: 'Sao chép tên',
        copied: 'Đã sao chép',
      },
      mediaLibraryModal: { close: 'Đóng' },
    },
    ui: {
      settingsDropdown: { account: 'Tài khoản' },
      toast: {
        noteAdded: 'Đã thêm ghi chú',
        onFailToAddNote: 'Không thêm được ghi chú: %{details}',
        noteUpdated: 'Đã sửa ghi chú',
        onFailToUpdateNote: 'Không sửa được ghi chú: %{details}',
        noteDeleted: 'Đã xóa ghi chú',
        onFailToDeleteNote: 'Không xóa được ghi chú: %{details}',
        noteResolved: 'Ghi chú đã xử lý',
        noteReopened: 'Đã mở lại ghi chú',
        onFailToToggleNote: 'Không đổi được trạng thái ghi chú: %{details}',
      },
    },
  };

  function merge(base, more) {
    var out = {};
    Object.keys(base).forEach(function (key) { out[key] = base[key]; });
    Object.keys(more).forEach(function (key) {
      var both = out[key] && typeof out[key] === 'object' && typeof more[key] === 'object';
      out[key] = both ? merge(out[key], more[key]) : more[key];
    });
    return out;
  }

  CMS.registerLocale('vi', merge(CMS.getLocale('vi') || {}, words));
  CMS.init();
})();
